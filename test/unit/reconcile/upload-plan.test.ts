import { checkReconcileOnUpload, startsPlan, uploadPlanId, uploadPlanInput } from '../../../functions/lib/reconcile/upload-plan';

const scope = { emailDomains: ['example.com'] };
const object = { bucket: 'imports', key: 'rosters/nightly.csv', etag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0064D3901D00059242' };

describe('reconcileOnUpload', () => {
  it('derives one plan id per upload: the same for every delivery, another for another PUT of the same key; plan-<uuid> fits 80 characters', () => {
    const first = uploadPlanId(object);
    expect(uploadPlanId({ ...object })).toEqual(first);
    expect(first.executionName).toBe(`plan-${first.planId}`);
    expect(first.executionName.length).toBeLessThanOrEqual(80);
    expect(uploadPlanId({ ...object, sequencer: '0064D3901D00059243' }).planId).not.toBe(first.planId);
    expect(uploadPlanId({ ...object, key: 'rosters/other.csv' }).planId).not.toBe(first.planId);
  });

  it("gives the machine the uploaded key as the roster, the settings' scope and policy, autoApply off unless set", () => {
    expect(uploadPlanInput({ prefix: 'rosters/', scope, allowMoves: true }, object)).toEqual({ request: { key: object.key, scope, allowMoves: true }, autoApply: false, upload: object });
    expect(uploadPlanInput({ prefix: 'rosters/', scope, autoApply: true }, object).autoApply).toBe(true);
  });

  it('matches keys under the prefix only, not the prefix itself (a folder marker)', () => {
    expect(startsPlan({ prefix: 'rosters/' }, 'rosters/a.csv')).toBe(true);
    expect(startsPlan({ prefix: 'rosters/' }, 'rosters/')).toBe(false);
    expect(startsPlan({ prefix: 'rosters/' }, 'joiners/a.csv')).toBe(false);
    expect(startsPlan({ prefix: 'rosters/' }, 'rosters-old/a.csv')).toBe(false);
  });

  it('refuses at synth, naming the field: a prefix over what the suite writes, no slash, a bad scope, thresholds above the ceiling', () => {
    expect(() => checkReconcileOnUpload({ prefix: 'plans/', scope })).toThrow(/must not overlap plans\//);
    expect(() => checkReconcileOnUpload({ prefix: 'p', scope })).toThrow(/reconcileOnUpload.prefix must be a key prefix ending in \//);
    expect(() => checkReconcileOnUpload({ prefix: '', scope })).toThrow(/reconcileOnUpload.prefix/);
    expect(() => checkReconcileOnUpload({ prefix: 'rosters/', scope: {} as never })).toThrow(/reconcileOnUpload\.scope/);
    expect(() => checkReconcileOnUpload({ prefix: 'rosters/', scope, thresholds: { maxLeaverPercent: 50 } }, { maxLeaverPercent: 10, maxLeavers: 50 })).toThrow(/reconcileOnUpload\.thresholds\.maxLeaverPercent/);
    expect(() => checkReconcileOnUpload({ prefix: 'rosters/', scope, autoApply: 'yes' as never })).toThrow(/autoApply must be true or false/);
    expect(checkReconcileOnUpload({ prefix: 'hr/rosters/', scope, thresholds: { maxLeavers: 5 } })).toMatchObject({ prefix: 'hr/rosters/' });
  });
});
