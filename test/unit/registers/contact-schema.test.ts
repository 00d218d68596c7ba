import { describe, expect, it } from 'vitest';
import { emailAddress, phoneNumber } from '../../../electron/core/registers/contact-schema';

function phone(typed: string) {
  const r = phoneNumber.default('').safeParse(typed);
  return r.success ? r.data : r.error.issues.map((i) => i.message).join(',');
}

function email(typed: string) {
  const r = emailAddress.default('').safeParse(typed);
  return r.success ? r.data : r.error.issues.map((i) => i.message).join(',');
}

describe('[#14.1] phone numbers: Japanese formats, full-width folded, stored hyphenated', () => {
  it.each([
    ['03-1234-5678', '03-1234-5678'],
    ['0312345678', '03-1234-5678'],
    ['０３（１２３４）５６７８', '03-1234-5678'],
    ['043ー111ー2222', '043-111-2222'],
    ['043－111－2222', '043-111-2222'],
    ['043‐111‐2222', '043-111-2222'],
    ['043−111−2222', '043-111-2222'],
    ['０４６６ １２ ３４５６', '0466-12-3456'],
    ['09011112222', '090-1111-2222'],
    ['080-3333-4444', '080-3333-4444'],
    ['０７０１２３４５６７８', '070-1234-5678'],
    ['050 5555 6666', '050-5555-6666'],
    ['0120123456', '0120-123-456'],
    ['0120-123-456', '0120-123-456'],
    ['08001234567', '0800-123-4567'],
    ['0570-123-456', '0570-123-456'],
    ['+81 3 1234 5678', '03-1234-5678'],
    ['+81 (0)3-1234-5678', '03-1234-5678'],
    ['＋８１９０１１１１２２２２', '090-1111-2222'],
    ['03-1234-5678 内線 123', '03-1234-5678 内線 123'],
    ['03-1234-5678内線１２３', '03-1234-5678 内線 123'],
    ['03-1234-5678 ext. 45', '03-1234-5678 内線 45'],
    ['  ', ''],
    ['', ''],
  ])('accepts %s as %s', (typed, stored) => {
    expect(phone(typed)).toBe(stored);
  });

  it.each([
    ['031234567', 'phoneInvalid'], // 9 digits
    ['031234567890', 'phoneInvalid'], // 12 digits
    ['3-1234-5678', 'phoneInvalid'], // no trunk prefix
    ['0901111222', 'phoneInvalid'], // a mobile with 10 digits
    ['012012345', 'phoneInvalid'],
    ['0800123456', 'phoneInvalid'], // 0800 is 11 digits
    ['00312345678', 'phoneInvalid'],
    ['03-1234-567a', 'phoneInvalid'],
    ['電話 03-1234-5678', 'phoneInvalid'],
    ['+1 212 555 0100', 'phoneForeign'],
    ['+44 20 7946 0958', 'phoneForeign'],
  ])('refuses %s (%s) with a message of the registers', (typed, problem) => {
    expect(phone(typed)).toBe(`registers.errors.organisation.${problem}`);
  });
});

describe('[#14.1] e-mail addresses: full-width folded, one @, a dotted domain lower-cased', () => {
  it.each([
    ['hanako.sato@example.co.jp', 'hanako.sato@example.co.jp'],
    ['  Hanako.Sato@Example.CO.JP ', 'Hanako.Sato@example.co.jp'],
    ['ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'hanako@example.jp'],
    ['info+hoan@sub.example.com', 'info+hoan@sub.example.com'],
    ['', ''],
  ])('accepts %s as %s', (typed, stored) => {
    expect(email(typed)).toBe(stored);
  });

  it.each(['hanako', 'hanako@', '@example.jp', 'hanako@example', 'hanako@@example.jp', 'a@b@example.jp', 'hanako sato@example.jp', 'hanako@exa mple.jp', 'hanako..sato@example.jp', 'hanako@-example.jp', 'hanako@example.j'])(
    'refuses %s',
    (typed) => {
      expect(email(typed)).toBe('registers.errors.organisation.emailInvalid');
    },
  );
});
