export const REGION_IDS = [
  'hokkaido',
  'tohoku',
  'kanto',
  'chubu',
  'hokuriku',
  'kinki',
  'chugoku',
  'shikoku',
  'kyushu',
  'okinawa',
] as const;

export type RegionId = (typeof REGION_IDS)[number];

/** A region and the 産業保安監督部 that answers 電気事業法 questions for it. */
export interface Region {
  id: RegionId;
  nameJa: string;
  nameEn: string;
  officeJa: string;
  officeEn: string;
  phone: string;
}
