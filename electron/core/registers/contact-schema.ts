import { singleLine } from '../text-schema';

// PLACEHOLDER (issue 14, helper "org"): Japanese phone numbers and e-mail
// addresses, full-width digits folded. Until then any single line passes.
export const phoneNumber = singleLine(40);
export const emailAddress = singleLine(254);
