/** Where the person's choice of store is kept (Settings), over what their language suggests. */
const COUNTRY_KEY = 'half-tunes:store-country';

/** The store when the language names no region ("en") and nothing was chosen: Apple's default. */
export const DEFAULT_COUNTRY = 'US';

/** The store a person's languages suggest, and the region they named where it has no store. */
export interface SuggestedStore {
  readonly country: string;
  /** The region the language named (`de-LI` → LI) when Apple has no store there, else null. */
  readonly unlisted: string | null;
}

const regionOf = (tag: string): string | null => {
  const region = new Intl.Locale(tag).maximize().region;
  return region && /^[A-Z]{2}$/.test(region) ? region : null;
};

/**
 * The store a person's languages suggest: the region of the first that has one, spelt out or likely
 * (`de-DE` → DE, `de` → DE, `pt-BR` → BR). A region without a store of its own (`de-LI`, `fr-MC`)
 * gives the language's main store (DE, FR), or the US store, and says which region it was.
 */
export function storeFromLanguages(languages: readonly string[]): SuggestedStore {
  for (const language of languages) {
    try {
      const region = regionOf(language);
      if (!region) continue;
      if (STORES.has(region)) return { country: region, unlisted: null };
      const main = regionOf(new Intl.Locale(language).language);
      return { country: main && STORES.has(main) ? main : DEFAULT_COUNTRY, unlisted: region };
    } catch {
      // Not a language tag: the next one.
    }
  }
  return { country: DEFAULT_COUNTRY, unlisted: null };
}

/** The store a person's languages suggest (see `storeFromLanguages`). */
export function countryFromLanguages(languages: readonly string[]): string {
  return storeFromLanguages(languages).country;
}

/** The store chosen in Settings, or null to follow the languages. */
export function chosenCountry(): string | null {
  try {
    const saved = localStorage.getItem(COUNTRY_KEY);
    return saved && /^[A-Z]{2}$/.test(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** Chooses the store (null: follow the languages again). */
export function chooseCountry(country: string | null): void {
  try {
    if (country === null) localStorage.removeItem(COUNTRY_KEY);
    else localStorage.setItem(COUNTRY_KEY, country);
  } catch {
    // Storage refused: the choice is not kept.
  }
}

/** The browser's languages, most wanted first. */
export const browserLanguages = (): readonly string[] =>
  navigator.languages?.length ? navigator.languages : [navigator.language];

/** The store searches and albums ask: the person's choice, else their languages'. */
export function storeCountry(): string {
  return chosenCountry() ?? countryFromLanguages(browserLanguages());
}

/** The answer language Apple offers besides its default English (`lang=ja_jp`), for Japanese speakers. */
export function catalogLanguage(languages: readonly string[]): string | null {
  return languages[0]?.toLowerCase().startsWith('ja') ? 'ja_jp' : null;
}

/** The countries with an Apple store (its storefronts), for the Settings list. */
export const STORE_COUNTRIES = (
  'AE AG AI AL AM AO AR AT AU AZ BA BB BE BF BG BH BJ BM BN BO BR BS BT BW BY BZ CA CD CG CH CI CL CM CN CO ' +
  'CR CV CY CZ DE DK DM DO DZ EC EE EG ES FI FJ FM FR GA GB GD GE GH GM GR GT GW GY HK HN HR HU ID IE IL IN ' +
  'IQ IS IT JM JO JP KE KG KH KN KR KW KY KZ LA LB LC LK LR LT LU LV LY MA MD ME MG MK ML MM MN MO MR MS MT ' +
  'MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA SB SC SE SG ' +
  'SI SK SL SN SR ST SV SZ TC TD TH TJ TM TN TO TR TT TW TZ UA UG US UY UZ VC VE VG VN VU XK YE ZA ZM ZW'
).split(' ');
const STORES: ReadonlySet<string> = new Set(STORE_COUNTRIES);
