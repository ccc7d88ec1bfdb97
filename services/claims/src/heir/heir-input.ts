import { validateHeir } from '../../../../domain/claims/heirs.js';
import { parseLocalDate } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import type { FieldCipher } from '../../../kit/src/field-cipher.js';
import type { StoredHeir } from '../../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import type { HeirInput } from '../claim/claim.inputs.js';

/**
 * The heirs of a claim as filed: one `heir` or several `heirs` (not both), each checked, the
 * bank account encrypted here so it travels through Temporal and rests in the database only as
 * ciphertext (with its last four digits for masked display).
 */
export function storedHeirs(input: { heir?: HeirInput | null; heirs?: HeirInput[] | null }, cipher: FieldCipher): StoredHeir[] {
  if (input.heir && input.heirs) throw new DomainError('BAD_USER_INPUT', 'Give either heir or heirs, not both.', 'heirs');
  const given = input.heirs ?? (input.heir ? [input.heir] : []);
  if (given.length === 0) throw new DomainError('BAD_USER_INPUT', 'Name the heir (heir) or the heirs (heirs) of the claim.', 'heir');
  return given.map((h, i) => {
    const field = input.heirs ? `heirs.${i}` : 'heir';
    const base = withField(field, () => validateHeir({ name: h.name, relationship: h.relationship, phone: h.phone ?? null }));
    const account = h.bankAccount?.replace(/[\s-]/g, '') || null;
    if (account !== null && !/^\d{6,20}$/.test(account)) throw new DomainError('BAD_USER_INPUT', 'The bank account number must be 6 to 20 digits.', `${field}.bankAccount`);
    if (h.birthDate) parseLocalDate(h.birthDate, `${field}.birthDate`);
    return {
      ...base,
      share: h.share ?? null,
      bankName: h.bankName?.trim() || null,
      bankAccountEncrypted: account ? cipher.encrypt(account) : null,
      bankAccountLast4: account ? account.slice(-4) : null,
      accountHolder: h.accountHolder?.trim() || null,
      birthDate: h.birthDate ?? null,
      educationLevel: h.educationLevel ?? null,
    };
  });
}

/** validateHeir names `heir.*`; with several heirs the field is `heirs.<i>.*`. */
function withField<T>(field: string, rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof DomainError && error.field?.startsWith('heir.')) throw new DomainError(error.code, error.message, error.field.replace(/^heir/, field), error.details);
    throw error;
  }
}
