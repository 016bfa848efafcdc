/**
 * Words with a fixed role in company names, in folded spelling (see name-key.ts): connectors, abbreviations
 * that stand for one word, words that start a site or department qualifier, and words that mark a public body.
 */

/** "and" in the languages of the customers' countries; dropped once legal forms are gone. */
export const CONNECTORS = new Set([
  '&', '+', 'and', 'und', 'u', 'en', 'et', 'e', 'y', 'i', 'och', 'og', 'ja', 'es', 'si', 'a', 've', 'ir', 'un', 'kai',
  'in', 'n',
]);

/**
 * Abbreviations and their word, as sequences of folded words: both spellings become the same words. Where a word
 * has national variants (Sankt, Saint, Sint), all become one.
 */
export const ABBREVIATIONS: readonly [string[], string[]][] = [
  [['gebr'], ['gebruder']],
  [['gebroders'], ['gebruder']],
  [['gebrs'], ['gebruder']],
  [['brdr'], ['brodrene']],
  [['brodr'], ['brodrene']],
  [['broderna'], ['brodrene']],
  [['bros'], ['brothers']],
  [['f', 'lli'], ['fratelli']],
  [['flli'], ['fratelli']],
  [['hnos'], ['hermanos']],
  [['hmnos'], ['hermanos']],
  [['ste'], ['societe']],
  [['soc'], ['societe']],
  [['etab'], ['etablissements']],
  [['etabl'], ['etablissements']],
  [['ets'], ['etablissements']],
  [['sankt'], ['st']],
  [['saint'], ['st']],
  [['sint'], ['st']],
  [['county'], ['co']],
  [['az', 'agr'], ['azienda', 'agricola']],
  [['az', 'agricola'], ['azienda', 'agricola']],
  [['azienda', 'agr'], ['azienda', 'agricola']],
  [['san'], ['sanayi']],
  [['tic'], ['ticaret']],
  [['ith', 'ihr'], ['ithalat', 'ihracat']],
  [['mfg'], ['manufacturing']],
  [['intl'], ['international']],
  [['int', 'l'], ['international']],
  [['svcs'], ['services']],
  [['mgmt'], ['management']],
  [['assoc'], ['associates']],
  [['natl'], ['national']],
  [['dept'], ['department']],
  [['centre'], ['center']],
  [['ctr'], ['center']],
  [['mij'], ['maatschappij']],
  [['gem'], ['gemeente']],
  [['vd'], ['van', 'der']],
];

/** Words that begin a site, plant or department qualifier after a legal form, a dash or a comma. */
export const SITE_WORDS = new Set([
  'werk', 'werke', 'niederlassung', 'zweigniederlassung', 'filiale', 'standort', 'betrieb', 'abteilung', 'abt',
  'zentrale', 'lager', 'plant', 'site', 'branch', 'division', 'department', 'office', 'warehouse', 'factory',
  'location', 'store', 'depot', 'vestiging', 'filiaal', 'afdeling', 'usine', 'agence', 'succursale', 'site',
  'stabilimento', 'sede', 'filiale', 'reparto', 'filial', 'sucursal', 'planta', 'fabrica', 'delegacion', 'oddzial',
  'zaklad', 'zavod', 'pobocka', 'telephely', 'fiok', 'avdeling', 'avdelning', 'fabrik', 'toimipiste', 'tehdas',
  'sube', 'fabrika', 'tesis', 'fabriek', 'magazijn', 'inh', 'inhaber', 'prop', 'proprietor', 'attn', 'zhd',
]);

/**
 * Words that mark a public body when they begin or end its name: for these a qualifier in parentheses or after a
 * dash tells bodies apart ("Gemeente Bergen (NH)" / "Gemeente Bergen (L)"), so it stays part of the name.
 * "City", "Town" and "Village" count only as "… of" (City of London), since many firms are called City-something.
 */
export const PUBLIC_BODY_WORDS = new Set([
  'gemeente', 'gemeinde', 'marktgemeinde', 'stadtgemeinde', 'stadt', 'landkreis', 'kreis', 'bezirk', 'kanton',
  'canton', 'freistaat', 'commune', 'ville', 'mairie', 'departement', 'comune', 'provincia', 'regione',
  'municipio', 'ayuntamiento', 'ajuntament', 'concello', 'diputacion', 'camara', 'municipal', 'municipality',
  'council', 'borough', 'township', 'parish', 'gmina', 'miasto', 'powiat', 'obec',
  'mesto', 'varos', 'onkormanyzat', 'kommune', 'kommun', 'kunta', 'kaupunki', 'primaria', 'judet', 'belediyesi',
  'belediye', 'dimos', 'opcina', 'obcina', 'savivaldybe', 'pasvaldiba', 'vald', 'linn', 'stad', 'provincie',
  'waterschap', 'region', 'landschaftsverband', 'zweckverband', 'verbandsgemeinde', 'samtgemeinde',
]);

/** "City of …", "Town of …": public bodies named by what they are. */
export const PUBLIC_BODY_OF = new Set(['city', 'town', 'village', 'borough', 'co', 'state', 'province', 'county']);
