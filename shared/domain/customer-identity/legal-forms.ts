/**
 * Legal forms as written in company names: abbreviations and full forms of every EU language plus GB, IE, NO,
 * CH, TR and US. A form is recognised by its letters once the name has been folded (any spelling that folds to
 * the same letters: "Sp. z o.o.", "sp z oo", "spzoo"), so each form is listed once in its usual spelling.
 */

export const LEGAL_FORMS: readonly string[] = [
  // DE, AT, CH, LI, LU (German)
  'GmbH', 'mbH', 'GesmbH', 'Ges.m.b.H.', 'Gesellschaft mbH', 'Gesellschaft mit beschränkter Haftung', 'AG',
  'Aktiengesellschaft', 'KG', 'Kommanditgesellschaft', 'KGaA', 'Kommanditgesellschaft auf Aktien', 'OHG',
  'offene Handelsgesellschaft', 'OG', 'offene Gesellschaft', 'KEG', 'GbR', 'Gesellschaft bürgerlichen Rechts', 'UG',
  'Unternehmergesellschaft', 'haftungsbeschränkt', 'e.K.', 'e.Kfm.', 'e.Kfr.', 'eingetragener Kaufmann',
  'eingetragene Kauffrau', 'e.V.', 'eingetragener Verein', 'eG', 'eingetragene Genossenschaft', 'SE',
  'Societas Europaea', 'PartG', 'PartG mbB', 'mbB', 'Partnerschaftsgesellschaft', 'Kollektivgesellschaft',
  'Einzelfirma', 'Einzelunternehmen', 'Genossenschaft', 'eGen', 'Sagl', 'Società a garanzia limitata', 'Co.', 'Cie', 'Cia', 'C.', 'Company',
  'Compagnie', 'Compañía', 'Companhia', 'Compagnia', 'Gesellschaft',
  // NL, BE (Dutch)
  'B.V.', 'BV', 'Besloten Vennootschap', 'Besloten Vennootschap met beperkte aansprakelijkheid', 'N.V.',
  'Naamloze Vennootschap', 'NV/SA', 'SA/NV', 'V.O.F.', 'Vennootschap onder firma', 'C.V.',
  'Commanditaire Vennootschap', 'BVBA', 'CVBA', 'Coöperatieve vennootschap met beperkte aansprakelijkheid',
  'Comm.V.', 'VZW', 'Vereniging zonder winstoogmerk', 'U.A.', 'Eenmanszaak',
  // FR, BE, LU, CH, MC (French)
  'S.A.', 'Société anonyme', 'SARL', 'S.à r.l.', 'Société à responsabilité limitée', 'SAS',
  'Société par actions simplifiée', 'SASU', 'Société par actions simplifiée unipersonnelle', 'EURL',
  'Entreprise unipersonnelle à responsabilité limitée', 'SNC', 'Société en nom collectif', 'SCS', 'SECS',
  'Société en commandite simple', 'SCA', 'Société en commandite par actions', 'SCI', 'Société civile immobilière',
  'SCOP', 'SCRL', 'Société coopérative', 'Société coopérative à responsabilité limitée', 'SPRL',
  'Société privée à responsabilité limitée', 'SRL', 'EI', 'EIRL', 'GIE', 'ASBL', 'Association sans but lucratif',
  'SAM',
  // IT
  'S.p.A.', 'Società per Azioni', 'S.r.l.', 'Società a responsabilità limitata', 'S.r.l.s.',
  'Società a responsabilità limitata semplificata', 'S.a.s.', 'Società in accomandita semplice', 'S.n.c.',
  'Società in nome collettivo', 'S.a.p.a.', 'Società in accomandita per azioni', 'S.c.a.r.l.', 'S.c.r.l.',
  'Soc. Coop.', 'Società cooperativa', 'Società cooperativa a responsabilità limitata', 'S.s.', 'Società semplice',
  'Ditta individuale',
  // ES, PT
  'S.L.', 'Sociedad Limitada', 'Sociedad de Responsabilidad Limitada', 'S.L.U.', 'Sociedad Limitada Unipersonal',
  'S.A.U.', 'Sociedad Anónima Unipersonal', 'Sociedad Anónima', 'S.L.L.', 'Sociedad Limitada Laboral', 'S.L.N.E.',
  'Sociedad Limitada Nueva Empresa', 'S.Coop.', 'Sociedad Cooperativa', 'S.Com.', 'Sociedad Comanditaria',
  'S.C.', 'Sociedad Colectiva', 'Lda.', 'Ltda.', 'Limitada', 'Sociedade Anónima', 'Sociedade Anônima',
  'Sociedade por Quotas', 'Unipessoal', 'Unipessoal Lda.', 'SGPS', 'S.A. de C.V.',
  // PL
  'Sp. z o.o.', 'Spółka z ograniczoną odpowiedzialnością', 'Spółka akcyjna', 'Sp.j.', 'Spółka jawna', 'Sp.k.',
  'Spółka komandytowa', 'S.K.A.', 'Spółka komandytowo-akcyjna', 'Sp.p.', 'Spółka partnerska', 'S.c.',
  'Spółka cywilna', 'Spółka',
  // CZ, SK
  's.r.o.', 'spol. s r.o.', 'Společnost s ručením omezeným', 'a.s.', 'Akciová společnost', 'v.o.s.',
  'Veřejná obchodní společnost', 'k.s.', 'Komanditní společnost', 'Družstvo', 'Spoločnosť s ručením obmedzeným',
  'Akciová spoločnosť', 'Verejná obchodná spoločnosť', 'Komanditná spoločnosť',
  // HU
  'Kft.', 'Korlátolt Felelősségű Társaság', 'Zrt.', 'Zártkörűen Működő Részvénytársaság', 'Nyrt.',
  'Nyilvánosan Működő Részvénytársaság', 'Rt.', 'Részvénytársaság', 'Bt.', 'Betéti Társaság', 'Kkt.',
  'Közkereseti Társaság', 'E.V.', 'Egyéni vállalkozó',
  // RO
  'S.R.L.', 'Societate cu răspundere limitată', 'Societate pe acțiuni', 'Societate în nume colectiv',
  'Societate în comandită simplă', 'PFA', 'Persoană fizică autorizată', 'I.I.', 'Întreprindere individuală',
  // BG (Latin and Cyrillic)
  'OOD', 'EOOD', 'AD', 'EAD', 'ET', 'ООД', 'ЕООД', 'АД', 'ЕАД', 'ЕТ', 'Дружество с ограничена отговорност',
  'Еднолично дружество с ограничена отговорност', 'Акционерно дружество',
  // HR, SI
  'd.o.o.', 'j.d.o.o.', 'Društvo s ograničenom odgovornošću', 'Jednostavno društvo s ograničenom odgovornošću',
  'd.d.', 'Dioničko društvo', 'Družba z omejeno odgovornostjo', 'Delniška družba', 's.p.', 'd.n.o.', 'k.d.',
  // GR, CY (Latin and Greek)
  'AE', 'A.E.', 'Α.Ε.', 'Ανώνυμη Εταιρεία', 'Anonymi Etaireia', 'EPE', 'Ε.Π.Ε.',
  'Εταιρεία Περιορισμένης Ευθύνης', 'IKE', 'Ι.Κ.Ε.', 'Ιδιωτική Κεφαλαιουχική Εταιρεία', 'OE', 'Ο.Ε.', 'EE', 'Ε.Ε.',
  'Λτδ',
  // EE, LV, LT
  'OÜ', 'Osaühing', 'AS', 'Aktsiaselts', 'MTÜ', 'TÜ', 'UÜ', 'FIE', 'SIA', 'Sabiedrība ar ierobežotu atbildību',
  'Akciju sabiedrība', 'IK', 'Individuālais komersants', 'UAB', 'Uždaroji akcinė bendrovė', 'AB', 'Akcinė bendrovė',
  'MB', 'Mažoji bendrija', 'IĮ', 'Individuali įmonė', 'VšĮ',
  // FI
  'Oy', 'Osakeyhtiö', 'Oyj', 'Julkinen osakeyhtiö', 'Ky', 'Kommandiittiyhtiö', 'Ay', 'Avoin yhtiö', 'Tmi',
  'Toiminimi', 'Osuuskunta',
  // SE
  'Aktiebolag', 'Aktiebolaget', '(publ)', 'HB', 'Handelsbolag', 'Handelsbolaget', 'KB', 'Kommanditbolag',
  'Kommanditbolaget', 'EF', 'Enskild firma', 'Ekonomisk förening',
  // DK
  'A/S', 'Aktieselskab', 'Aktieselskabet', 'ApS', 'Anpartsselskab', 'Anpartsselskabet', 'I/S', 'Interessentskab',
  'K/S', 'Kommanditselskab', 'P/S', 'Partnerselskab', 'IVS', 'Iværksætterselskab', 'AMBA', 'A.m.b.a.',
  'Andelsselskab med begrænset ansvar', 'Enkeltmandsvirksomhed',
  // NO
  'ASA', 'Aksjeselskap', 'Aksjeselskapet', 'Allmennaksjeselskap', 'ANS', 'Ansvarlig selskap', 'DA',
  'Selskap med delt ansvar', 'ENK', 'Enkeltpersonforetak', 'BA', 'SA',
  // IE, GB, MT, CY (English)
  'Ltd.', 'Limited', 'Teoranta', 'Teo.', 'DAC', 'Designated Activity Company', 'CLG', 'Company limited by guarantee',
  'PLC', 'p.l.c.', 'Public limited company', 'Cuideachta phoiblí theoranta', 'ULC', 'Unlimited company', 'UC',
  'LLP', 'Limited liability partnership', 'LP', 'Limited partnership', 'CIC', 'Community interest company',
  // TR
  'A.Ş.', 'Anonim Şirketi', 'Anonim Şti.', 'Ltd. Şti.', 'Limited Şirketi', 'Şirketi', 'Şti.', 'Koll. Şti.',
  'Kollektif Şirketi', 'Kom. Şti.', 'Komandit Şirketi', 'Sanayi ve Ticaret', 'Sanayi', 'Ticaret',
  'İthalat İhracat',
  // US and beyond
  'Inc.', 'Incorporated', 'Corp.', 'Corporation', 'LLC', 'L.L.C.', 'Limited Liability Company', 'PLLC', 'PC',
  'P.C.', 'Professional Corporation', 'Pty', 'Pvt', 'K.K.', 'Kabushiki Kaisha', 'Pte', 'Bhd', 'Sdn',
];

/** Forms that also begin names ("AB Volvo", "Oy Karl Fazer Ab", "S.C. Dacia S.A.") and designations (The, Firma). */
export const LEADING_DESIGNATIONS: readonly string[] = [
  'AB', 'Oy', 'Oyj', 'A/S', 'AS', 'UAB', 'SIA', 'OÜ', 'AD', 'S.C.', 'The', 'Firma', 'Fa.', 'Ditta', 'Société', 'Sté',
  'Établissements', 'Ets', 'Ets.', 'Etabl.',
];

/**
 * Abbreviated forms clear enough to be read anywhere in a name: what follows them is a site or department
 * ("Müller GmbH Werk Süd"). Short forms that are also words or initials (AG, SA, AS, AB, SPA, SAS) are not in
 * this list; full forms of eight or more letters count too.
 */
export const UNAMBIGUOUS_FORMS: readonly string[] = [
  'GmbH', 'GesmbH', 'mbH', 'KGaA', 'OHG', 'B.V.', 'N.V.', 'BVBA', 'CVBA', 'V.O.F.', 'SARL', 'S.à r.l.', 'SPRL', 'SRL',
  'S.r.l.', 's.r.o.', 'spol. s r.o.', 'Sp. z o.o.', 'Kft.', 'Zrt.', 'Nyrt.', 'd.o.o.', 'Ltd.', 'LLC', 'Inc.', 'PLC',
  'LLP', 'Corp.', 'Oyj', 'ApS', 'Sagl', 'S.r.l.s.', 'S.L.U.', 'S.A.U.', 'Lda.', 'Ltda.', 'UAB', 'EOOD', 'A.Ş.',
  'Ltd. Şti.', 'EURL', 'SASU',
];

/**
 * Long forms that are also ordinary words inside names ("Migros Genossenschaft Aare", "East India Company
 * Trading"): recognised at the end, but what follows them is not taken for a site.
 */
export const WORDS_ALSO_IN_NAMES: readonly string[] = [
  'Genossenschaft', 'Gesellschaft', 'Company', 'Compagnie', 'Compañía', 'Companhia', 'Compagnia',
];
