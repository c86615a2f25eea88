/** Enumerations stored as small integers in the columns. */

export const HUKOU = ['local_urban', 'local_rural', 'nonlocal_urban', 'nonlocal_rural'] as const;
export type HukouName = (typeof HUKOU)[number];
export const LOCAL_URBAN = 0;
export const LOCAL_RURAL = 1;
export const NONLOCAL_URBAN = 2;
export const NONLOCAL_RURAL = 3;
/** true for local hukou (urban or rural). */
export const isLocal = (h: number): boolean => h <= LOCAL_RURAL;

export const EDUCATION = ['none', 'primary', 'junior', 'senior', 'college', 'bachelor', 'master', 'doctorate'] as const;
export type EducationName = (typeof EDUCATION)[number];
export const EDU_NONE = 0;
export const EDU_JUNIOR = 2;
export const EDU_COLLEGE = 4;
export const EDU_BACHELOR = 5;
export const EDU_MASTER = 6;
export const EDU_DOCTORATE = 7;

/** Tenures. `rural_home` (a self-built house in the rural part of a zone) is megasim's addition to MODEL.md's list. */
export const TENURE = ['owned', 'market_rental', 'urban_village', 'public_rental', 'dormitory', 'rural_home'] as const;
export type TenureName = (typeof TENURE)[number];
export const OWNED = 0;
export const MARKET_RENTAL = 1;
export const URBAN_VILLAGE = 2;
export const PUBLIC_RENTAL = 3;
export const DORMITORY = 4;
export const RURAL_HOME = 5;
export const NT = TENURE.length;
/** Tenures paid as rent each month. */
export const isRental = (t: number): boolean => t === MARKET_RENTAL || t === URBAN_VILLAGE || t === PUBLIC_RENTAL || t === DORMITORY;

export const SECTORS = ['manufacturing', 'construction', 'wholesale_logistics', 'services', 'public', 'tech_finance'] as const;
export type SectorName = (typeof SECTORS)[number];
export const NS = SECTORS.length;
export const NO_JOB = -1;

export const ZONE_KINDS = ['core', 'expansion', 'new_district', 'outer', 'eco'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const MALE = 0;
export const FEMALE = 1;
