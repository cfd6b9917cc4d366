// recheck's automaton checker over a list of patterns, in a plain Node process: reads [[source, flags], ...] and a
// time limit (ms) as JSON on stdin, writes one verdict per pattern as JSON on stdout. Run outside jest because
// recheck's pure JavaScript backend (compiled from Scala) runs about nine times slower inside jest's module sandbox.
process.env.RECHECK_SYNC_BACKEND = 'pure';
const { checkSync } = require('recheck');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const { patterns, timeoutMs } = JSON.parse(input);
  const verdicts = patterns.map(([source, flags]) => {
    const result = checkSync(source, flags, { checker: 'automaton', timeout: timeoutMs });
    if (result.status === 'vulnerable') return { status: 'vulnerable', complexity: result.complexity.type, attack: result.attack.string.slice(0, 80) };
    if (result.status === 'unknown') return { status: 'unknown', error: `${result.error.kind}${'message' in result.error ? `: ${result.error.message}` : ''}` };
    return { status: result.status };
  });
  process.stdout.write(JSON.stringify(verdicts));
});
