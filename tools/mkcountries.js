#!/usr/bin/env node
/*
 * mkcountries.js — generate data/actors/countries.txt, the dictionary of
 * countries and territories that actors.c matches in articles: one entry
 * per ISO 3166-1 country or territory (249), plus Kosovo and the
 * Palestinian Authority, each with its names, its Arabic and Persian
 * names, its adjectives and demonyms ("Iranian"), the capital that stands
 * for its government ("Tehran said") and its CAMEO code.
 *
 * Usage, from the repository root:
 *
 *   npm ci --prefix tools                  # once: the pinned npm sources
 *   node tools/mkcountries.js > data/actors/countries.txt
 *
 *   node tools/mkcountries.js --report
 *     prints, instead of the dictionary, every source name left out and
 *     why, and which entry kept each name that several entries share.
 *
 *   node tools/mkcountries.js --compare-phoenix ../shared/compat/phoenix/Phoenix.Countries.actors.txt
 *     prints, instead of the dictionary, how the Phoenix (PETRARCH) country
 *     dictionary codes each entry, to check the CAMEO table below against
 *     it (docs/countries.md lists the differences). Nothing is copied from
 *     that file.
 *
 * Sources, all read offline at generation time, never by dyad at run time:
 *   - Debian iso-codes (/usr/share/iso-codes/json/iso_3166-1.json, or
 *     $ISO_3166_JSON): the 249 entries, alpha-3, name, official and common
 *     name. LGPL-2.1+.
 *   - npm world-countries: common and official names, alternate
 *     spellings, capitals, demonyms, Arabic (ara) and Persian (per)
 *     translations. ODbL-1.0, so the generated file is a derivative
 *     database under ODbL-1.0.
 *   - npm i18n-iso-countries: English, Arabic (ar) and Persian (fa) names.
 *     MIT.
 *   - npm countries-list: names, aliases, capitals. MIT.
 *   - the hand-maintained tables below, each entry with its reason.
 *
 * The output is deterministic: entries sorted by ISO alpha-3, names in a
 * fixed source order, duplicates removed by the key the matcher uses
 * (case, diacritics, dots, hyphens, apostrophes and spaces ignored). On
 * any error nothing is written to standard output and the exit status is
 * 1; warnings (names dropped as ambiguous) go to standard error.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

/* ------------------------------------------------------------------ */
/* Hand-maintained tables                                              */
/* ------------------------------------------------------------------ */

/*
 * CAMEO codes that are not the ISO alpha-3. CAMEO codes a country by its
 * ISO 3166-1 alpha-3; the exceptions below are those of the Phoenix
 * country dictionary (openeventdata/petrarch2 @676801c,
 * Phoenix.Countries.actors.txt, 2014), checked with --compare-phoenix.
 * Two Phoenix codes are corrected (IMN, WLF) and two Phoenix choices are
 * not followed (ESH, JEY); docs/countries.md gives the whole table.
 */
const TERRITORY = 'a dependent territory is its administering state + the territory, as in Phoenix';
const CAMEO = {
	/* Renamed in ISO in 2002 (TMP -> TLS); CAMEO keeps the old code. */
	TLS: ['TMP', 'ISO changed TMP to TLS in 2002; CAMEO and Phoenix keep TMP'],
	/* Dependent territories: the administering state, then the territory. */
	ASM: ['USAASM', TERRITORY],
	FLK: ['GBRFLK', TERRITORY],
	FRO: ['DNKFRO', TERRITORY],
	GIB: ['GBRGIB', TERRITORY],
	GLP: ['FRAGLP', TERRITORY],
	GRL: ['DNKGRL', TERRITORY],
	GUF: ['FRAGUF', TERRITORY],
	GUM: ['USAGUM', TERRITORY],
	IMN: ['GBRIMN', TERRITORY + '; Phoenix writes GBRIMY, but IMY is no ISO code'],
	MSR: ['GBRMSR', TERRITORY],
	MTQ: ['FRAMTQ', TERRITORY],
	NCL: ['FRANCL', TERRITORY],
	NIU: ['NZLNIU', TERRITORY],
	PCN: ['GBRPCN', TERRITORY],
	PRI: ['USAPRI', TERRITORY],
	PYF: ['FRAPYF', TERRITORY],
	SHN: ['GBRSHN', TERRITORY],
	TKL: ['NZLTKL', TERRITORY],
	VGB: ['GBRVGB', TERRITORY],
	VIR: ['USAVIR', TERRITORY],
	WLF: ['FRAWLF', TERRITORY + '; Phoenix writes FRNWLF, but FRN is no country code'],
	/* Parts of a state that ISO lists apart: Phoenix codes them as the state. */
	ALA: ['FIN', 'Phoenix lists the Aland Islands among the names of Finland'],
	BLM: ['FRA', 'Phoenix codes Saint Barthelemy as France'],
	CCK: ['AUS', 'Phoenix lists the Cocos (Keeling) Islands among the names of Australia'],
	CXR: ['AUS', 'Phoenix lists Christmas Island among the names of Australia'],
	HMD: ['AUS', 'Phoenix lists Heard Island and McDonald Islands among the names of Australia'],
	MYT: ['FRA', 'Phoenix codes Mayotte as France'],
	SJM: ['NOR', 'Phoenix lists Svalbard among the names of Norway'],
};

/*
 * Where dyad departs from Phoenix on purpose (kept in the ISO code);
 * --compare-phoenix reports these as expected, and docs/countries.md
 * explains them.
 */
const NOT_PHOENIX = {
	ESH: 'Phoenix lists Western Sahara among the names of Morocco (MAR); a disputed non-self-governing territory keeps its own code',
	JEY: 'Phoenix lists "Jersey" among the names of the USA (for New Jersey); the Crown Dependency is coded JEY, as Phoenix codes Guernsey GGY',
	KSV: 'not in ISO 3166-1 (user-assigned XK); CAMEO and Phoenix use KSV',
};

/*
 * Entries beyond ISO 3166-1. Kosovo takes its data from the npm sources
 * (alpha-2 XK, which they carry) and its CAMEO code KSV; it sorts under
 * KSV. The Palestinian Authority is the government of the entry PSE: it
 * is written here so that "the Palestinian Authority said" is PSEGOV, as
 * in Phoenix; it sorts right after Palestine.
 */
const EXTRA_ENTRIES = [
	{ sort: 'KSV', alpha2: 'XK', code: 'KSV', independent: true },
	{
		sort: 'PSE~', code: 'PSEGOV', independent: false,
		names: ['Palestinian Authority', 'Palestinian National Authority'],
		ar: ['السلطة الفلسطينية', 'السلطة الوطنية الفلسطينية'],
		fa: ['تشکیلات خودگردان فلسطین'],
		note: 'The government of the State of Palestine (PSE) since 1994.',
	},
];

/*
 * Notes shown by --explain for entries whose coding is a decision (see
 * docs/countries.md); they follow the CAMEO note, if any.
 */
const NOTE = {
	ESH: 'Disputed; coded ESH as in ISO, where Phoenix has Morocco (MAR). No capital: El Aaiun is administered by Morocco.',
	ISR: 'The capital Jerusalem is the seat of the government; its status is disputed.',
	JEY: 'The Crown Dependency; "New Jersey" is a name of the USA.',
	KSV: 'Not in ISO 3166-1 (user-assigned XK); CAMEO and Phoenix code KSV.',
	PSE: 'Gaza and the West Bank are places, not names of this entry.',
	TWN: 'Coded TWN as in ISO and Phoenix; "Taiwan, Province of China" is not used.',
};

/* Labels (the first name) where the sources' common name is not the
 * name news uses. */
const LABEL = {
	COD: 'Democratic Republic of the Congo',
	COG: 'Republic of the Congo',
};

/*
 * Names the sources lack or that news uses in a form they do not give.
 * Short capitalised forms (US, UK, UAE...) come only from here: the ones
 * in the npm sources are dropped with the other two-letter codes.
 * "guard" names are parts of a country whose name contains another
 * country's name; listing them makes the longest match take them ("New
 * Mexico" is the USA, not Mexico), as Phoenix does. They go on a line of
 * their own. "ar" and "fa" are Arabic and Persian names.
 */
const EXTRA = {
	ARE: { names: ['UAE'], adj: ['Emirati'] },
	AZE: { adj: ['Azeri'] },
	BIH: { names: ['Bosnia'] },
	BOL: { capital: ['La Paz'] },          /* seat of government; Sucre is the constitutional capital */
	CHE: { capital: ['Berne'] },
	CHN: { names: ['PRC'] },
	COD: { names: ['DRC', 'DR Congo', 'Congo'], adj: ['Congolese'] },
	COG: { names: ['Republic of Congo', 'Congo Republic'] },
	CPV: { adj: ['Cape Verdean'] },
	DJI: { adj: ['Djiboutian'] },
	ECU: { adj: ['Ecuadorian'] },
	ESH: { adj: ['Saharawi'] },
	ESP: { adj: ['Spaniard'] },
	GBR: {
		names: ['U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales'],
		guard: ['Northern Ireland'],
		adj: ['Briton'],
		ar: ['بريطانيا'],
	},
	GIB: { adj: ['Gibraltarian'] },
	GNB: { adj: ['Bissau-Guinean'] },
	HKG: { names: ['Hong Kong SAR'] },
	ISL: { adj: ['Icelandic'] },
	KAZ: { adj: ['Kazakh'], capital: ['Nur-Sultan'] },   /* the capital's name 2019-2022 */
	KGZ: { adj: ['Kyrgyz'] },
	KOR: { names: ['ROK'] },
	LAO: { adj: ['Lao'] },
	MAC: { names: ['Macao SAR'] },
	MDV: { adj: ['Maldivian'] },
	MKD: { names: ['FYROM', 'Former Yugoslav Republic of Macedonia'] },
	MMR: { capital: ['Naypyitaw', 'Nay Pyi Taw'] },
	MNG: { capital: ['Ulaanbaatar'] },
	NGA: { guard: ['Niger Delta'] },
	PHL: { adj: ['Philippine'] },
	PRK: { names: ['DPRK'] },
	PSE: {
		names: ['Palestinian territories', 'Occupied Palestinian Territory',
			'Occupied Palestinian Territories'],
	},
	SAU: { names: ['KSA'], adj: ['Saudi'] },
	SJM: { names: ['Svalbard', 'Jan Mayen'] },
	SUR: { adj: ['Surinamese'] },
	SVK: { adj: ['Slovakian'] },
	SVN: { adj: ['Slovenian'] },
	TJK: { adj: ['Tajik'] },
	TLS: { adj: ['Timorese'] },
	TTO: { names: ['Trinidad'] },
	UKR: { capital: ['Kiev'] },
	USA: {
		names: ['U.S.', 'USA', 'America'],
		guard: ['New Mexico', 'New Jersey'],
		capital: ['Washington'],
		ar: ['أمريكا', 'أميركا'],
		fa: ['آمریکا'],
	},
	UZB: { adj: ['Uzbek'] },
	VAT: { names: ['Holy See', 'Vatican'] },
	KSV: { names: ['Kosova'], adj: ['Kosovan'], capital: ['Prishtina'] },
};

/*
 * Names from the npm sources that are real but would do harm as names
 * of a country, by their matching key. Any entry, any kind of name.
 */
const DENY = byKey({
	Island: 'Icelandic for Iceland, and the English word',
	Mann: 'Manx for the Isle of Man, and a German word and surname',
	Prathet: 'Thai for "country"',
	Portuguesa: 'an adjective, and a Venezuelan state',
	Mexicanos: 'an adjective',
	Timor: 'the island, half of it Indonesian (West Timor)',
	Guiana: 'the region of three countries, not French Guiana alone',
	Zhonghua: '"Chinese (nation)", not a country name',
	Nippon: 'in company names (Nippon Steel, Nippon Life)',
	Nihon: 'in company names (Nihon Keizai)',
	Emirates: 'the airline',
	'Gold Coast': 'the Australian city; Ghana\'s colonial name',
	'East Pakistan': 'part of Pakistan until 1971: coding it Bangladesh is anachronistic',
	'Abode of Peace': 'part of the official name of Brunei, not a name',
	Dominique: 'French for Dominica, and a given name',
	Antarctican: 'not a demonym in use',
	'Heard and McDonald Islander': 'not a demonym in use',
	'South Georgian South Sandwich Islander': 'not a demonym in use',
	'American Islander': 'not a demonym in use',
	'Channel Islander': 'both Jersey and Guernsey',
	'Virgin Islander': 'both Virgin Islands',
	'Virgin Islands': 'both Virgin Islands',
	'جزر العذراء': '"Virgin Islands" in Arabic: both of them',
	'سن مارتن': 'Persian for both Saint Martin and Sint Maarten',
	'سانت مارتن': 'Arabic for both Saint Martin and Sint Maarten',
});

/*
 * Capitals that would code the wrong actor: they are common words, given
 * names or surnames, or other well-known places (see docs/countries.md
 * for the ones kept despite such a risk).
 */
const CAPITAL_DENY = {
	AIA: { 'The Valley': 'a common phrase' },
	ATG: { "Saint John's": "St. John's, Newfoundland, and many churches" },
	BEL: { Brussels: 'in news "Brussels" mostly stands for the European Union' },
	BES: { 'The Bottom': 'a common phrase' },
	BMU: { Hamilton: 'a surname; Hamilton, Ontario' },
	CHL: { Santiago: 'a given name; many other cities' },
	CRI: { 'San José': 'San Jose, California' },
	ESH: { 'El Aaiún': 'administered by Morocco; the Sahrawi Republic\'s government sits in the Tindouf camps' },
	CYM: { 'George Town': 'Georgetown (Washington, Guyana), George Town (Penang)' },
	GUY: { Georgetown: 'Georgetown in Washington and its university' },
	FLK: { Stanley: 'a given name' },
	GRD: { "St. George's": 'churches, schools and hospitals' },
	GUF: { Cayenne: 'the pepper' },
	HKG: { 'City of Victoria': 'not used in news' },
	IMN: { Douglas: 'a given name and surname' },
	IOT: { 'Diego Garcia': 'a personal name; the island is known for the military base' },
	MDV: { 'Malé': 'the English word "male"' },
	MSR: { Plymouth: 'the English city' },
	PRI: { 'San Juan': 'many other places (Argentina, the Philippines)' },
	REU: { 'Saint-Denis': 'the town near Paris' },
	SHN: { Jamestown: 'many towns in the USA' },
	SPM: { 'Saint-Pierre': 'a common place name' },
	SYC: { Victoria: 'a given name; the Australian state; the Canadian city' },
	VGB: { 'Road Town': 'a common phrase' },
	ZAF: {
		Bloemfontein: 'the judicial capital; Pretoria is the seat of the executive',
		'Cape Town': 'the legislative capital and a large city with local news',
	},
};

/*
 * A name found in several entries is kept in the one given here; any
 * other such name stays with the only independent state among them, or
 * is dropped from all (and reported).
 */
const OWNER = byKey({
	Congo: 'COD',        /* news style (AP, Reuters): "Congo" alone is the DRC */
	Congolese: 'COD',
	Dominican: 'DOM',    /* Dominica's demonym too; the Dominican Republic is the usual sense */
	Oranjestad: 'ABW',   /* also a town of Sint Eustatius (BES) */
	American: 'USA',     /* world-countries gives it to the Northern Mariana Islands too */
});

/*
 * Names a source gives to the wrong entry or misspells: dropped from
 * that entry.
 */
const SOURCE_ERRORS = {
	/* world-countries 5.1.0: misspelt (أففانستان for أفغانستان). */
	AFG: ['جمهورية أففانستان الإسلامية'],
	/* world-countries 5.1.0 gives Guinea the Persian names of Papua New Guinea. */
	GIN: ['پاپوآ گینه نو', 'مملکت مستقل پاپوآ گینه نو'],
	/* world-countries 5.1.0: غويانا is Guyana; French Guiana keeps غويانا الفرنسية. */
	GUF: ['غويانا'],
	/* world-countries 5.1.0: misspelt (المسكيك for المكسيك). */
	MEX: ['المسكيك'],
};

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

/*
 * The matching key, as dict.c's make_key computes it with utf8proc:
 * compatibility decomposition, case folding, marks stripped, letters and
 * digits only. toLowerCase is Unicode's simple lower-casing; the case
 * folds it lacks that occur in names are added (dotless i stays itself,
 * as in utf8proc).
 */
function key(s) {
	return s.normalize('NFKD').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ')
		.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]/gu, '');
}

/* A table by written name, re-keyed by matching key. */
function byKey(table) {
	const out = {};
	for (const name of Object.keys(table))
		out[key(name)] = table[name];
	return out;
}

/* Tidies a name as written: NFC, ASCII apostrophes, one space between
 * words, no bidi controls. */
function tidy(s) {
	return String(s).normalize('NFC')
		.replace(/[\u2018\u2019]/g, "'")
		.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
		.replace(/[\s\u00A0]+/g, ' ').trim();
}

/*
 * The names one source string gives: "A (B)" gives A and B, "A (B) C"
 * gives "A C" and "B C" (unless B is "French part", in English or
 * Arabic, or ends in "of"/"the", as in "Netherlands (Kingdom of the)"); a
 * leading "The" goes, and a "Saint" also gives "St.".
 */
function variants(raw) {
	const s = tidy(raw);
	const m = /^(.*?)\s*\(([^)]*)\)\s*(.*)$/.exec(s);
	let out;
	if (m) {
		const inner = m[2].trim();
		const useful = !/\bpart$/i.test(inner) && !/\b(of|the)$/i.test(inner) &&
			!/الجزء/.test(inner);  /* Arabic "(the French part)" */
		out = [tidy(m[1] + ' ' + m[3])];
		if (useful)
			out.push(tidy(m[3] ? inner + ' ' + m[3] : inner));
	} else {
		out = [s];
	}
	out = out.map((n) => n.replace(/^the /i, ''));
	for (const n of out.slice())
		if (/^Saint /.test(n))
			out.push(n.replace(/^Saint /, 'St. '));
	return out;
}

/*
 * Why a name from an npm source is not used, or null if it is. Hand
 * additions are not checked: they are written on purpose.
 */
function rejectReason(n) {
	const k = key(n);
	if (k.length === 0)
		return 'no letter or digit';
	if (DENY[k])
		return DENY[k];
	if (k.length <= 3 && latin(n))
		return 'three letters or fewer (codes such as "IR")';
	if (/\p{Lu}/u.test(n) && !/\p{Ll}/u.test(n))
		return 'an abbreviation in capitals';
	if (/\p{N}/u.test(n))
		return 'has digits';
	if (/[\u0250-\u02AF]/u.test(n))
		return 'phonetic transcription';
	if (/,/.test(n) && !/, .* and /.test(n))
		return 'catalogue form ("Iran, Islamic Republic of")';
	if (/[()]/.test(n))
		return 'parentheses';
	return null;
}

/* True when every letter of s is Latin. */
function latin(s) {
	return /^[\p{Script=Latin}\P{L}]*$/u.test(s);
}

/* True when every letter of s is Arabic script. */
function arabic(s) {
	return /^[\p{Script=Arabic}\P{L}]*$/u.test(s);
}

/* What the format cannot hold in a name: '|' separates names, '#' after a
 * blank starts a comment, '*' at the end makes a prefix, '@' first makes a
 * directive and '+' first marks a story-level discard. There is no
 * escape, so such a name is left out. */
function unsafe(n) {
	return /[|#]/.test(n) || /\*$/.test(n) || /^[@+]/.test(n) ||
		/[\u0000-\u001F\u007F]/.test(n);
}

/* Demonyms as world-countries writes them: "Antiguan, Barbudan",
 * "Kittitian or Nevisian". */
function splitDemonym(d) {
	return String(d || '').split(/, | or /).map(tidy).filter(Boolean);
}

/* A plain array of a value that may be a string, an array or absent. */
function list(v) {
	if (v === undefined || v === null)
		return [];
	return Array.isArray(v) ? v : [v];
}

/* ------------------------------------------------------------------ */
/* Sources                                                             */
/* ------------------------------------------------------------------ */

/* Loads an npm package of tools/node_modules, or says how to get it. */
function need(mod) {
	try {
		return require(mod);
	} catch (e) {
		throw new Error(`cannot load the npm package "${mod}": run ` +
			'"npm ci --prefix tools" first (' + e.message.split('\n')[0] + ')');
	}
}

/* The version of an npm package as installed in tools/node_modules (read
 * from the file: some packages do not export their package.json). */
function npmVersion(name) {
	const file = path.join(__dirname, 'node_modules', name, 'package.json');
	return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

/* The Debian version of iso-codes, or "unknown" off Debian. */
function isoCodesVersion() {
	try {
		return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'iso-codes'],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch (e) {
		return 'unknown';
	}
}

/* Everything the generator reads, in one object. */
function loadSources() {
	const isoPath = process.env.ISO_3166_JSON || '/usr/share/iso-codes/json/iso_3166-1.json';
	let iso;
	try {
		iso = JSON.parse(fs.readFileSync(isoPath, 'utf8'))['3166-1'];
	} catch (e) {
		throw new Error(`cannot read ${isoPath}: install the Debian package ` +
			`iso-codes (apt-get install iso-codes) or set ISO_3166_JSON (${e.message})`);
	}
	if (!Array.isArray(iso) || iso.length < 249)
		throw new Error(`${isoPath}: expected the 249 entries of ISO 3166-1`);
	const wcList = need('world-countries');
	const wc = new Map(wcList.map((w) => [w.cca2, w]));
	const i18n = {
		en: need('i18n-iso-countries/langs/en.json').countries,
		ar: need('i18n-iso-countries/langs/ar.json').countries,
		fa: need('i18n-iso-countries/langs/fa.json').countries,
	};
	const cl = need('countries-list').countries;
	const versions = {
		isoCodes: isoCodesVersion(),
		worldCountries: npmVersion('world-countries'),
		i18n: npmVersion('i18n-iso-countries'),
		countriesList: npmVersion('countries-list'),
	};
	return { iso, wc, i18n, cl, versions, isoPath };
}

/* ------------------------------------------------------------------ */
/* Entries                                                             */
/* ------------------------------------------------------------------ */

/* The kinds of names of an entry, in output order. */
const KINDS = ['name', 'guard', 'ar', 'fa', 'adj', 'capital'];

/*
 * One entry before cross-entry checks: lists of names as written, by
 * kind. A name's kind decides its line: names first, then Arabic, then
 * Persian, then adjectives and capitals.
 */
function baseEntry(src, iso, extra) {
	const a2 = iso ? iso.alpha_2 : extra.alpha2;
	const w = src.wc.get(a2) || { name: {}, altSpellings: [], translations: {} };
	const c = src.cl[a2] || {};
	const a3 = iso ? iso.alpha_3 : extra.sort;
	const cameo = iso ? CAMEO[a3] : null;
	return {
		a3,
		sort: iso ? a3 : extra.sort,
		iso: iso ? iso.alpha_3 : '-',
		code: extra && extra.code ? extra.code : cameo ? cameo[0] : a3,
		note: extra && extra.note ? extra.note :
			[cameo && `CAMEO code ${cameo[0]}, not ${a3}: ${cameo[1]}.`, NOTE[a3]]
				.filter(Boolean).join(' ') || null,
		independent: extra ? extra.independent : w.independent === true,
		w, c, a2,
	};
}

/* The English names of an ISO entry, in order: label, ISO names, the
 * common and official names, the hand additions, then the alternates. */
function englishNames(src, e, iso) {
	const hand = (EXTRA[e.a3] || {}).names || [];
	const label = variants(LABEL[e.a3] || (iso && iso.common_name) ||
		e.w.name.common || iso.name)[0];
	const fromSources = [
		iso && iso.common_name, iso && iso.name, iso && iso.official_name,
		e.w.name.common, e.w.name.official,
	];
	const alternates = [
		...list(src.i18n.en[e.a2]), e.c.name, ...list(e.c.alias),
		...list(e.w.altSpellings),
	];
	const out = [{ n: label, hand: true }];
	for (const s of fromSources.filter(Boolean))
		for (const n of variants(s))
			out.push({ n, hand: false });
	for (const n of hand)
		out.push({ n: tidy(n), hand: true });
	for (const s of alternates.filter(Boolean))
		for (const n of variants(s))
			if (latin(n))
				out.push({ n, hand: false });
	return out;
}

/* Arabic or Persian names: world-countries translation, then
 * i18n-iso-countries. */
function scriptNames(src, e, wcLang, i18nLang) {
	const t = (e.w.translations || {})[wcLang] || {};
	const hand = (EXTRA[e.a3] || {})[i18nLang] || [];
	return [t.common, t.official, ...list(src.i18n[i18nLang][e.a2])]
		.filter(Boolean).flatMap(variants).filter(arabic)
		.map((n) => ({ n, hand: false }))
		.concat(hand.map((n) => ({ n: tidy(n), hand: true })));
}

/* Adjectives and demonyms: world-countries (male, female), then hand. */
function adjectives(e) {
	const d = ((e.w.demonyms || {}).eng) || {};
	const hand = (EXTRA[e.a3] || {}).adj || [];
	return [...splitDemonym(d.m), ...splitDemonym(d.f)].map((n) => ({ n, hand: false }))
		.concat(hand.map((n) => ({ n: tidy(n), hand: true })));
}

/*
 * Capitals: world-countries, countries-list, then hand. An entry coded
 * as another state (Mayotte as FRA) has none: its capital would stand
 * for that state's government.
 */
function capitals(e, isoCodes) {
	if (e.code !== e.a3 && isoCodes.has(e.code))
		return [];
	const deny = CAPITAL_DENY[e.a3] || {};
	const hand = (EXTRA[e.a3] || {}).capital || [];
	const out = [];
	for (const s of [...list(e.w.capital), e.c.capital]) {
		if (!s || deny[tidy(s)])
			continue;
		for (const n of variants(s))
			out.push({ n, hand: false });
	}
	return out.concat(hand.map((n) => ({ n: tidy(n), hand: true })));
}

/*
 * Builds every entry: ISO 3166-1 in alpha-3 order, then the extra ones,
 * all sorted by their sort key. Names are filtered and de-duplicated
 * within the entry (first occurrence wins, across kinds).
 */
function buildEntries(src) {
	const entries = [];
	const isoCodes = new Set(src.iso.map((c) => c.alpha_3));
	for (const iso of src.iso)
		entries.push(fillEntry(src, baseEntry(src, iso, null), iso, null, isoCodes));
	for (const x of EXTRA_ENTRIES)
		entries.push(fillEntry(src, baseEntry(src, null, x), null, x, isoCodes));
	entries.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
	return entries;
}

/* Fills one entry's name lists by kind. */
function fillEntry(src, e, iso, extra, isoCodes) {
	const own = extra && extra.names;
	const kinds = {
		name: own ? own.map((n) => ({ n, hand: true })) : englishNames(src, e, iso),
		guard: ((EXTRA[e.a3] || {}).guard || []).map((n) => ({ n, hand: true })),
		ar: own ? (extra.ar || []).map((n) => ({ n, hand: true })) : scriptNames(src, e, 'ara', 'ar'),
		fa: own ? (extra.fa || []).map((n) => ({ n, hand: true })) : scriptNames(src, e, 'per', 'fa'),
		adj: own ? [] : adjectives(e),
		capital: own ? [] : capitals(e, isoCodes),
	};
	const ctx = {
		/* An adjective also listed as a name ("Thai", "Togolese") is an adjective. */
		adjKeys: new Set(kinds.adj.map((x) => key(x.n))),
		wrong: new Set((SOURCE_ERRORS[e.a3] || []).map(key)),
	};
	const seen = new Set();
	e.kinds = {};
	e.dropped = [];
	for (const kind of KINDS) {
		e.kinds[kind] = [];
		kinds[kind].forEach((x, i) => {
			const k = key(x.n);
			const isLabel = kind === 'name' && i === 0;
			const why = whyNot(e, x, kind === 'name' && !isLabel, ctx);
			if (why && (isLabel || x.hand))
				throw new Error(`${e.a3}: "${x.n}" (${isLabel ? 'label' : 'hand table'}) rejected: ${why}`);
			if (why) {
				e.dropped.push([x.n, why]);
			} else if (!seen.has(k)) {
				seen.add(k);
				e.kinds[kind].push({ n: x.n, k, label: isLabel });
			}
		});
	}
	return e;
}

/*
 * Why name x of entry e is left out, or null. Hand names are only
 * checked for what the format cannot hold; names from the sources go
 * through rejectReason and the entry's SOURCE_ERRORS, and an alternate
 * name that is also an adjective of the entry stays an adjective.
 */
function whyNot(e, x, alternate, ctx) {
	const k = key(x.n);
	if (unsafe(x.n))
		return 'a character the format cannot hold (| # * @ + or a control)';
	if (x.hand)
		return k ? null : 'no letter or digit';
	if (ctx.wrong.has(k))
		return 'a source error (SOURCE_ERRORS)';
	if (alternate && ctx.adjKeys.has(k))
		return 'an adjective';
	return rejectReason(x.n);
}

/*
 * Names shared by several entries ("Congolese", "Kingston"): each is
 * kept in one entry only (OWNER, else the only independent state among
 * them) or dropped from all. Returns the list of decisions made.
 */
function resolveShared(entries) {
	const where = new Map();
	for (const e of entries)
		for (const kind of Object.keys(e.kinds))
			for (const x of e.kinds[kind]) {
				if (!where.has(x.k))
					where.set(x.k, []);
				where.get(x.k).push(e);
			}
	const report = [];
	for (const [k, es] of [...where.entries()].sort()) {
		const uniq = [...new Set(es)];
		if (uniq.length < 2)
			continue;
		let keep = OWNER[k] ? uniq.find((e) => e.a3 === OWNER[k]) : null;
		const indep = uniq.filter((e) => e.independent);
		if (!keep && !OWNER[k] && indep.length === 1)
			keep = indep[0];
		for (const e of uniq)
			if (e !== keep)
				dropKey(e, k);
		report.push({ k, entries: uniq.map((e) => e.a3), keep: keep ? keep.a3 : null });
	}
	return report;
}

/* Removes the name with key k from entry e; a label may not go. */
function dropKey(e, k) {
	for (const kind of Object.keys(e.kinds)) {
		const x = e.kinds[kind].find((y) => y.k === k);
		if (x && x.label)
			throw new Error(`${e.a3}: its label "${x.n}" is also a name of another entry; ` +
				'add it to OWNER or set a LABEL');
		e.kinds[kind] = e.kinds[kind].filter((y) => y.k !== k);
	}
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

const WIDTH = 78;

/* Joins names with " | " into lines of about WIDTH columns; the first
 * line starts at column 0, the others after `indent`. */
function wrap(names, first, indent) {
	const lines = [];
	let cur = first;
	let n = 0;
	for (const name of names) {
		const piece = (n ? ' | ' : '') + name;
		if (n && cur.length + piece.length > WIDTH) {
			lines.push(cur);
			cur = indent + name;
		} else {
			cur += piece;
		}
		n++;
	}
	if (n)
		lines.push(cur);
	return lines;
}

/* One entry in the dyad format (docs/dictionaries.md). */
function formatEntry(e) {
	const names = e.kinds.name.map((x) => x.n);
	const out = [];
	const head = wrap(names, '', '  name ');
	out.push(...head);
	const guards = wrap(e.kinds.guard.map((x) => x.n), '  name ', '  name ');
	if (guards.length)
		guards[guards.length - 1] += '  # guards: parts named like another country';
	out.push(...guards);
	for (const [kind, word] of [['ar', 'name'], ['fa', 'name'], ['adj', 'adj'], ['capital', 'capital']])
		out.push(...wrap(e.kinds[kind].map((x) => x.n), '  ' + word + ' ', '  ' + word + ' '));
	out.push('  code ' + e.code);
	if (e.note)
		out.push('  note ' + e.note);
	return out.join('\n');
}

/* The file's banner, directives and licence statement. */
function header(src, count) {
	const v = src.versions;
	return [
		'# generated by tools/mkcountries.js — do not edit',
		'#',
		'# Regenerate from the repository root with:',
		'#   npm ci --prefix tools',
		'#   node tools/mkcountries.js > data/actors/countries.txt',
		'# Hand-maintained additions and decisions live in the tables of',
		'# tools/mkcountries.js; docs/countries.md explains them.',
		'#',
		`# ${count} entries: every ISO 3166-1 country and territory, Kosovo (KSV)`,
		'# and the Palestinian Authority (PSEGOV). Each has its names (the first is',
		'# its label), its Arabic and Persian names (the "name" lines in those',
		'# scripts), its adjectives and demonyms, the capital that stands for its',
		'# government, and its CAMEO code (ISO alpha-3 but for the exceptions in',
		'# docs/countries.md).',
		'#',
		'# Sources:',
		`#   iso-codes ${v.isoCodes} (Debian package; ${src.isoPath}),`,
		'#     (c) 2001-2008 Alastair McKinstry, 2004-2016 Christian Perrier,',
		'#     2005-2023 Dr. Tobias Quathamer; LGPL-2.1-or-later.',
		`#   world-countries ${v.worldCountries} (npm; Mohammed Le Doze,`,
		'#     https://github.com/mledoze/countries), ODbL-1.0.',
		`#   i18n-iso-countries ${v.i18n} (npm; (c) 2016 widdix GmbH), MIT.`,
		`#   countries-list ${v.countriesList} (npm; (c) 2014 Annexare Studio), MIT.`,
		'#   The dyad developers: the tables in tools/mkcountries.js; CAMEO codes',
		'#     checked against the Phoenix country dictionary (openeventdata/',
		'#     petrarch2, MIT).',
		'#',
		'# Licence: this file is a derivative database of world-countries and is',
		'# made available under the Open Database License 1.0 (ODbL-1.0,',
		'# https://opendatacommons.org/licenses/odbl/1.0/). It contains',
		'# information from world-countries (c) Mohammed Le Doze and contributors,',
		'# made available under ODbL-1.0. It also contains facts from iso-codes',
		'# (LGPL-2.1-or-later), i18n-iso-countries and countries-list (MIT): their',
		'# copyright notices are above. Unlike the rest of dyad (MIT), this file',
		'# and any database made from it that you share stay under ODbL-1.0.',
		'',
		'@kind actors',
		`@source iso-codes ${v.isoCodes}; npm world-countries ${v.worldCountries}, i18n-iso-countries ${v.i18n}, countries-list ${v.countriesList}; dyad tables in tools/mkcountries.js`,
		'@licence ODbL-1.0 (derivative database of world-countries); also iso-codes data (LGPL-2.1-or-later) and MIT data; see above',
		'',
	].join('\n');
}

/* The whole dictionary as one string (UTF-8, LF). */
function render(src, entries) {
	const body = entries.map(formatEntry).join('\n\n');
	return header(src, entries.length) + '\n' + body + '\n';
}

/* ------------------------------------------------------------------ */
/* --compare-phoenix                                                   */
/* ------------------------------------------------------------------ */

/*
 * Reads a TABARI/PETRARCH actors file into entries {line, names, codes}:
 * a phrase in the first column, '+' synonym lines, codes in brackets on
 * the phrase line or on indented lines below.
 */
function readTabari(file) {
	const ents = [];
	let cur = null;
	fs.readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
		const l = raw.replace(/\r$/, '').replace(/(^|\s)#.*$/, '');
		if (!l.trim())
			return;
		const codes = [...l.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1].trim());
		if (/^\s/.test(l)) {
			if (cur)
				cur.codes.push(...codes);
		} else if (l[0] === '+') {
			if (cur)
				cur.names.push(l.slice(1).split('[')[0].trim());
		} else {
			cur = { line: i + 1, names: [l.split('[')[0].trim()], codes };
			ents.push(cur);
		}
	});
	return ents;
}

/* The code an entry gives today: undated, else the open-ended ">DATE" one
 * with the latest start among country-length codes, else the last. */
function currentCode(codes) {
	const parsed = codes.map((c) => c.split(/\s+/));
	const undated = parsed.find((p) => p.length === 1);
	if (undated)
		return undated[0];
	const open = parsed.filter((p) => p[1] && p[1][0] === '>');
	if (open.length)
		return open[open.length - 1][0];
	return parsed.length ? parsed[parsed.length - 1][0] + ' (ended)' : '';
}

/*
 * For each entry, the Phoenix entries whose phrase (first) or synonyms
 * (then) match one of its English names, and the code they give.
 */
function comparePhoenix(entries, file) {
	if (!fs.existsSync(file)) {
		process.stdout.write(`mkcountries: ${file} is absent; nothing to compare\n`);
		return 0;
	}
	const index = new Map();
	for (const p of readTabari(file))
		p.names.forEach((n, i) => {
			const k = key(n.replace(/_/g, ' '));
			if (!k || !p.codes.length || !/^[A-Z]{3}/.test(p.codes[0]))
				return;
			if (!index.has(k))
				index.set(k, []);
			index.get(k).push({ p, primary: i === 0 });
		});
	const rows = [['entry', 'iso', 'dyad', 'phoenix', 'verdict', 'phoenix entry']];
	for (const e of entries) {
		const hits = [];
		for (const x of e.kinds.name)
			for (const h of index.get(x.k) || [])
				if (!hits.some((y) => y.p === h.p))
					hits.push(h);
		hits.sort((a, b) => b.primary - a.primary);
		const best = hits[0];
		const pcode = best ? currentCode(best.p.codes) : '-';
		const how = best ? `${best.primary ? '' : 'synonym of '}${best.p.names[0]} (line ${best.p.line})` : '';
		let verdict = pcode === e.code ? 'same' : best ? 'DIFFERENT' : 'absent';
		if (verdict === 'DIFFERENT' && NOT_PHOENIX[e.a3])
			verdict = 'deliberate';
		else if (verdict === 'DIFFERENT' && CAMEO[e.a3])
			verdict = 'corrected';
		rows.push([e.iso === '-' ? e.kinds.name[0].n : e.a3, e.iso, e.code, pcode, verdict, how]);
	}
	process.stdout.write(rows.map((r) => r.join('\t')).join('\n') + '\n');
	return 0;
}

/* ------------------------------------------------------------------ */
/* Main                                                                */
/* ------------------------------------------------------------------ */

/* --report: every name left out and why, and every name shared by
 * several entries with the entry that kept it. */
function report(entries, shared) {
	const out = [];
	for (const e of entries)
		for (const [n, why] of e.dropped)
			out.push(`${e.a3}\tdropped\t${n}\t${why}`);
	for (const s of shared)
		out.push(`${s.keep || '-'}\tshared\t${s.k}\t${s.entries.join(' ')}: ` +
			(s.keep ? (OWNER[s.k] ? 'OWNER' : 'the only independent state') : 'dropped from all'));
	process.stdout.write(out.join('\n') + '\n');
	return 0;
}

function main(argv) {
	const src = loadSources();
	const entries = buildEntries(src);
	const shared = resolveShared(entries);
	if (argv[0] === '--compare-phoenix')
		return comparePhoenix(entries, argv[1] || '../shared/compat/phoenix/Phoenix.Countries.actors.txt');
	if (argv[0] === '--report' && argv.length === 1)
		return report(entries, shared);
	if (argv.length) {
		process.stderr.write('usage: node tools/mkcountries.js [--report | --compare-phoenix FILE]' +
			' > data/actors/countries.txt\n');
		return 2;
	}
	for (const s of shared)
		if (!s.keep && !OWNER[s.k])
			process.stderr.write(`mkcountries: "${s.k}" is a name of ${s.entries.join(', ')}: dropped from all\n`);
	for (const e of entries)
		if (!e.kinds.name.length || !/^[A-Z0-9]{3}([A-Z0-9]{3})*$/.test(e.code))
			throw new Error(`${e.a3}: no name or bad code ${e.code}`);
	process.stdout.write(render(src, entries));
	return 0;
}

try {
	process.exitCode = main(process.argv.slice(2));
} catch (err) {
	process.stderr.write(`mkcountries: ${err.message}\n`);
	process.exitCode = 1;
}
