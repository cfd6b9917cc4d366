import { readCsvAsStepFunctions } from '../../../functions/local/local-csv-reader';

// The rules of docs.aws.amazon.com/step-functions/latest/dg/example-csv-parse-dist-map.html.
describe('the local ItemReader reads CSV as Step Functions does', () => {
  it('backslash escapes a backslash, a quote and the delimiter; before anything else it is dropped', () => {
    expect(readCsvAsStepFunctions('path,size\nC:\\\\Program Files\\\\MyApp.exe,6534512\n')).toEqual([{ path: 'C:\\Program Files\\MyApp.exe', size: '6534512' }]);
    expect(readCsvAsStepFunctions('a,b\nx\\,y,\\"q\\"\nDOMAIN\\ana,z\n')).toEqual([
      { a: 'x,y', b: '"q"' },
      { a: 'DOMAINana', b: 'z' },
    ]);
  });

  it('quoted fields keep commas, line breaks and doubled quotes; fewer fields are empty strings, extra ones dropped', () => {
    expect(readCsvAsStepFunctions('a,b,c\r\n"1,2","say ""hi""\nthere",3\r\nonly\r\n1,2,3,4\r\n')).toEqual([
      { a: '1,2', b: 'say "hi"\nthere', c: '3' },
      { a: 'only', b: '', c: '' },
      { a: '1', b: '2', c: '3' },
    ]);
  });

  it('a blank line is a row of empty strings (the batch step skips it); the final line break is not', () => {
    expect(readCsvAsStepFunctions('email,location\na@example.com,HQ\n\n')).toEqual([
      { email: 'a@example.com', location: 'HQ' },
      { email: '', location: '' },
    ]);
    expect(readCsvAsStepFunctions('email,location\na@example.com,HQ')).toEqual([{ email: 'a@example.com', location: 'HQ' }]);
  });
});
