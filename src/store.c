/*
** store.c — the SQLite store: coded articles in one file, events
** clustered, queries over them. The only file that includes sqlite3.h.
**
** Ingest is the last stage of the pipeline: an article is processed,
** its actors and events coded, and its rows written: the document, its
** event mentions, and the evidence for them (the sentences that carry
** one and their actor mentions; every sentence on request), each with the
** provenance that lets a record be checked against the article. Near-
** duplicate articles are linked (dedup.c gives the signatures), and at
** the end of each batch the event groups the batch touched are clustered
** again from all their mentions, so the events always equal what a fresh
** ingest of the same articles would give, whatever the order.
**
** Durability and concurrency are SQLite's: WAL journal, synchronous=NORMAL
** (a power cut may lose the last commits, never consistency), one write
** transaction per batch (BEGIN IMMEDIATE, so two writers queue at the
** start of a batch instead of failing mid-way), a failed document undone
** (deleted by its row range, or a replacement rolled back to its
** savepoint), and a busy timeout after which the
** caller gets DYAD_BUSY with a message naming the file. Every statement is
** prepared once per handle and reset after use.
**
** The schema carries PRAGMA user_version and application_id; opening an
** older file runs the migrations it lacks, each in its own transaction.
** docs/store.md describes the tables.
*/
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "dyad_int.h"

#define APP_ID 0x64796164 /* "dyad" */
#define DEFAULT_BATCH 10000
#define DEFAULT_BATCH_MS 2000
#define DEFAULT_BUSY_MS 5000
#define DEFAULT_DUP 0.7
#define PLACE_KEY_MAX 512
/* Sentences, actor and event mentions of document d have the row ids
** d << 24 | i: a document's rows are one range of the table (no index to
** keep, appends in order, deletion by range). */
#define ROWS_PER_DOC ((size_t)1 << 24)
/* Articles kept per LSH band key (see find_dup). */
#define BAND_CAP 8

/* ------------------------------------------------------------------ */
/* Schema                                                              */
/* ------------------------------------------------------------------ */

/* Migration i brings a file from user_version i to i + 1. Never edit
** one that has shipped: add the next. */
static const char *const migrations[] = {
	/* 0 -> 1: documents, sentences, actors, event mentions, events. */
	"CREATE TABLE documents("
	" id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, url TEXT NOT NULL,"
	" source TEXT NOT NULL, title TEXT NOT NULL, date TEXT NOT NULL,"
	" date_precision INTEGER NOT NULL, lang TEXT NOT NULL, bytes INTEGER NOT NULL,"
	" hash TEXT NOT NULL, added TEXT NOT NULL, sentences INTEGER NOT NULL,"
	" actors INTEGER NOT NULL, mentions INTEGER NOT NULL);"
	"CREATE TABLE sentences("
	" id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, idx INTEGER NOT NULL,"
	" span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL);"
	"CREATE TABLE actors("
	" id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, sent INTEGER NOT NULL,"
	" span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, code TEXT NOT NULL,"
	" label TEXT NOT NULL, how TEXT NOT NULL, entry TEXT NOT NULL, confidence REAL NOT NULL);"
	"CREATE TABLE mentions("
	" id INTEGER PRIMARY KEY, record TEXT NOT NULL, doc INTEGER NOT NULL,"
	" sent INTEGER NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,"
	" cameo TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER, goldstein REAL,"
	" plover TEXT NOT NULL, modality INTEGER NOT NULL,"
	" source_start INTEGER, source_end INTEGER, verb_start INTEGER, verb_end INTEGER,"
	" target_start INTEGER, target_end INTEGER, source_label TEXT NOT NULL,"
	" target_label TEXT NOT NULL, pattern TEXT NOT NULL, confidence REAL NOT NULL,"
	" date TEXT NOT NULL, date_precision INTEGER NOT NULL, date_how TEXT NOT NULL,"
	" date_start INTEGER, date_end INTEGER, historical INTEGER NOT NULL,"
	" place TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL, lat REAL, lon REAL,"
	" geo_precision INTEGER NOT NULL, place_how TEXT NOT NULL, place_start INTEGER,"
	" place_end INTEGER, gkey INTEGER, place_key TEXT NOT NULL, event INTEGER);"
	"CREATE INDEX mentions_gkey ON mentions(gkey) WHERE gkey IS NOT NULL;"
	"CREATE INDEX mentions_event ON mentions(event) WHERE event IS NOT NULL;"
	"CREATE TABLE events("
	" id INTEGER PRIMARY KEY, gkey INTEGER NOT NULL, date TEXT NOT NULL,"
	" date_precision INTEGER NOT NULL, date_lo TEXT NOT NULL, date_hi TEXT NOT NULL,"
	" source TEXT NOT NULL, target TEXT NOT NULL, source_label TEXT NOT NULL,"
	" target_label TEXT NOT NULL, root TEXT NOT NULL, cameo TEXT NOT NULL, quad INTEGER,"
	" goldstein REAL, plover TEXT NOT NULL, place TEXT NOT NULL, country TEXT NOT NULL,"
	" admin1 TEXT NOT NULL, lat REAL, lon REAL, geo_precision INTEGER NOT NULL,"
	" mentions INTEGER NOT NULL, sources INTEGER NOT NULL, articles INTEGER NOT NULL,"
	" root_event INTEGER NOT NULL, first_doc INTEGER NOT NULL);"
	"CREATE INDEX events_gkey ON events(gkey);"
	"CREATE INDEX events_date ON events(date_lo);",
	/* 1 -> 2: near-duplicate articles. Articles stored before have no
	** signature: they are never found as near-duplicates of new ones. */
	"ALTER TABLE documents ADD COLUMN dup_of INTEGER;"
	"ALTER TABLE documents ADD COLUMN sig BLOB;"
	"CREATE INDEX documents_dup ON documents(dup_of) WHERE dup_of IS NOT NULL;"
	"CREATE TABLE dup_bands(key INTEGER NOT NULL, doc INTEGER NOT NULL,"
	" PRIMARY KEY(key, doc)) WITHOUT ROWID;",
	/* 2 -> 3: a document may keep only its evidence (the sentences with
	** an event mention and their actor mentions); those stored before
	** kept everything. */
	"ALTER TABLE documents ADD COLUMN evidence_only INTEGER NOT NULL DEFAULT 0;"
	/* ... the LSH bands are kept in memory, built from documents.sig
	** (store.c, "The band index"); and an event's mentions are found
	** through their group (gkey), so no index on event is kept up. */
	"DROP TABLE dup_bands;"
	"DROP INDEX mentions_event;",
	/* 3 -> 4: a sentence's actor mentions are a JSON array in its row,
	** [index, span_start, span_end, code, label, how, entry, confidence]
	** each (confidence to 0.001), and `actors` is a view of them, one a
	** row with the old columns; documents.stored_actors counts them. A row
	** per mention cost SQLite as much as the rest of the store's rows
	** together. Content hashes are made another way (fingerprint): those
	** made before are marked "fnv1:". */
	"UPDATE documents SET hash='fnv1:'||hash;"
	"ALTER TABLE sentences ADD COLUMN actors TEXT NOT NULL DEFAULT '[]';"
	"ALTER TABLE documents ADD COLUMN stored_actors INTEGER NOT NULL DEFAULT 0;"
	"UPDATE documents SET stored_actors=(SELECT count(*) FROM actors a"
	" WHERE a.id BETWEEN documents.id<<24 AND (documents.id<<24|16777215));"
	"UPDATE sentences SET actors=(SELECT json_group_array(json(x)) FROM"
	" (SELECT json_array(a.id&16777215, a.span_start, a.span_end, a.code, a.label, a.how,"
	"  a.entry, round(a.confidence,3)) AS x FROM actors a"
	"  WHERE a.id BETWEEN sentences.doc<<24 AND (sentences.doc<<24|16777215)"
	"  AND a.sent=sentences.idx ORDER BY a.id))"
	" WHERE EXISTS(SELECT 1 FROM actors a WHERE"
	"  a.id BETWEEN sentences.doc<<24 AND (sentences.doc<<24|16777215) AND a.sent=sentences.idx);"
	"DROP TABLE actors;"
	"CREATE VIEW actors(id, doc, sent, span_start, span_end, code, label, how, entry,"
	" confidence) AS SELECT s.doc<<24|json_extract(a.value,'$[0]'), s.doc, s.idx,"
	" json_extract(a.value,'$[1]'), json_extract(a.value,'$[2]'),"
	" json_extract(a.value,'$[3]'), json_extract(a.value,'$[4]'),"
	" json_extract(a.value,'$[5]'), json_extract(a.value,'$[6]'),"
	" json_extract(a.value,'$[7]') FROM sentences s, json_each(s.actors) a;",
};

#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

/* The columns of a document row and their parameters. */
#define DOC_COLS "(id,doc,url,source,title,date,date_precision,lang,bytes,hash,added," \
	"sentences,actors,mentions,dup_of,sig,evidence_only,stored_actors) VALUES(?1,?2,?3," \
	"?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)"

/* Every statement the store runs more than once, prepared at open. A new
** document's row is a plain INSERT: with OR REPLACE, which a replaced one
** needs, SQLite opened a statement journal for every row, and the row
** cost 70% more. */
#define STMT_MAP(X)                                                                \
	X(BEGIN, "BEGIN IMMEDIATE")                                                \
	X(COMMIT, "COMMIT")                                                        \
	X(ROLLBACK, "ROLLBACK")                                                    \
	X(SAVE, "SAVEPOINT doc")                                                   \
	X(RELEASE, "RELEASE doc")                                                  \
	X(UNDO, "ROLLBACK TO doc")                                                 \
	X(DOC_FIND, "SELECT id, hash FROM documents WHERE doc=?1")                 \
	X(DOC_NEXT, "SELECT coalesce(max(id),0)+1 FROM documents")                 \
	X(DOC_DELETE, "DELETE FROM documents WHERE id=?1")                         \
	X(DOC_OUTLET, "SELECT source, url FROM documents WHERE id=?1")             \
	X(DOC_PUT, "INSERT OR REPLACE INTO documents" DOC_COLS)                   \
	X(DOC_NEW, "INSERT INTO documents" DOC_COLS)                               \
	X(DOC_DUP, "UPDATE documents SET dup_of=?2,sig=?3 WHERE id=?1")            \
	X(DOC_SIG, "SELECT sig, dup_of FROM documents WHERE id=?1")                       \
	X(DOC_CHILDREN, "SELECT id, sig FROM documents WHERE dup_of=?1 ORDER BY id") \
	X(SENT_INSERT, "INSERT INTO sentences VALUES(?1<<24|?2,?1,?2,?3,?4,?5,?6)") \
	X(SENT_DELETE, "DELETE FROM sentences WHERE id BETWEEN ?1<<24 AND ?1<<24|16777215") \
	X(MEN_INSERT, "INSERT INTO mentions(id,record,doc,sent,source,target,cameo,"  \
	  "root,quad,goldstein,plover,modality,source_start,source_end,"           \
	  "verb_start,verb_end,target_start,target_end,source_label,target_label," \
	  "pattern,confidence,date,date_precision,date_how,date_start,date_end,"   \
	  "historical,place,country,admin1,lat,lon,geo_precision,place_how,"       \
	  "place_start,place_end,gkey,place_key,event) VALUES(?2<<24|?39,?1,?2,?3,?4,"  \
	  "?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,"  \
	  "?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?34,?35,?36,?37,?38,?40)")        \
	X(MEN_DELETE, "DELETE FROM mentions WHERE id BETWEEN ?1<<24 AND ?1<<24|16777215") \
	X(MEN_GKEYS, "SELECT DISTINCT gkey FROM mentions WHERE id BETWEEN ?1<<24"  \
	  " AND ?1<<24|16777215 AND gkey IS NOT NULL")                             \
	X(MEN_EVENT, "UPDATE mentions SET event=?2 WHERE id=?1")                   \
	X(SIG_SCAN, "SELECT id, sig FROM documents WHERE dup_of IS NULL AND"       \
	  " sig IS NOT NULL ORDER BY id")                                          \
	X(DATA_VERSION, "PRAGMA data_version")                                     \
	X(GROUP, "SELECT m.id, coalesce(d.dup_of,d.id), c.source, c.url,"          \
	  " m.place_key, m.cameo, m.geo_precision, m.sent, m.event, m.date,"       \
	  " m.date_precision, m.source, m.target, m.source_label, m.target_label," \
	  " m.root, m.quad, m.goldstein, m.plover, m.place, m.country, m.admin1,"  \
	  " m.lat, m.lon FROM mentions m JOIN documents d ON d.id=m.doc"           \
	  " JOIN documents c ON c.id=coalesce(d.dup_of,d.id) WHERE m.gkey=?1")     \
	X(EV_HAS, "SELECT 1 FROM events WHERE gkey=?1")                            \
	X(EV_DELETE, "DELETE FROM events WHERE gkey=?1")                           \
	X(EV_INSERT, "INSERT INTO events VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,"   \
	  "?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26)")

typedef enum {
#define X_ENUM(name, sql) S_##name,
	STMT_MAP(X_ENUM)
#undef X_ENUM
	S_COUNT
} stmt_id;

static const char *const stmt_sql[] = {
#define X_SQL(name, sql) sql,
	STMT_MAP(X_SQL)
#undef X_SQL
};

/*
** The rows of a document are written by a few statements run over and
** over, and many of their values repeat from one row to the next (the
** document's row, empty strings, the names of how things were found,
** equal scores). A bound value stays bound across sqlite3_reset, and
** binding one cost SQLite 90 to 220 instructions: each statement's
** binder remembers what each parameter holds and binds only what
** changed. Text and blobs are bound SQLITE_STATIC, read by SQLite at the
** step: the same address and length bound again would change nothing.
*/
#define BIND_MAX 40 /* the most parameters of a statement (MEN_INSERT) */

typedef struct bound {
	int type;           /* SQLITE_INTEGER, _FLOAT, _TEXT, _BLOB, _NULL; 0: unknown */
	const void *p;      /* text or blob */
	sqlite3_int64 v;    /* integer, length, or the bits of a double */
} bound;

typedef struct binder {
	sqlite3_stmt *s;
	bound slot[BIND_MAX + 1]; /* by parameter number */
} binder;

/* The LSH band index of the original articles ("The band index"). */
typedef struct band_index {
	dyad__buf ents;        /* band[]: entries, chained by key */
	int32_t *heads;        /* first entry of each chain, -1 for none */
	size_t nheads;         /* a power of two, or 0 before the first entry */
	int built;             /* holds every original of the file */
	sqlite3_int64 version; /* PRAGMA data_version when last checked */
} band_index;

struct dyad_store {
	sqlite3 *db;
	char msg[DYAD__MSG_MAX];
	char *path;               /* as opened, for messages */
	dyad_store_opts o;        /* with the defaults filled in */
	sqlite3_stmt *s[S_COUNT]; /* prepared statements (NULL when readonly) */
	binder *b;                /* [S_COUNT]: the statements writing rows bind through these */
	int in_batch;             /* a write transaction is open */
	int batch_docs;           /* documents written in it */
	double batch_start;       /* when it began, in ms of a monotonic clock */
	dyad__buf gkeys;          /* int64_t[]: event groups the batch touched */
	dyad__buf cm;             /* dyad__cmention[]: one group, clustering */
	dyad__buf evf;            /* ev_fields[]: the same group, what its events take */
	dyad__buf bm;             /* bmention[]: eligible mentions the batch wrote */
	size_t bm_at;             /* the next of them to cluster, sorted by group */
	int relinked;             /* the batch relinked a copy: read every group back */
	dyad__arena barena;       /* strings of bm */
	dyad__buf old;            /* int64_t[]: each mention's event before */
	dyad__buf clusters;       /* dyad__cluster[] */
	dyad__buf evrows;         /* ev_row[]: the batch's events, written at its end */
	dyad__buf evorder;        /* ev_order[]: evrows by id */
	dyad__buf kids;           /* child[]: articles linked to a changing one */
	band_index bix;           /* LSH bands of the originals, built at the first lookup */
	dyad__buf keep;           /* unsigned char[]: sentence i of the document is stored */
	dyad__buf json;           /* the actor mentions of one sentence, as stored */
	int64_t next_row;         /* id of the next new document; 0: read it */
	dyad__arena arena;        /* strings of the groups read back, until the batch ends */
	char added[11];           /* today, YYYY-MM-DD (SOURCE_DATE_EPOCH honoured) */
};

/* What the document row holds besides the article's own facts. */
typedef struct doc_row {
	int64_t id;            /* rowid: kept on replacement, else the next one */
	int replaces;          /* a stored row of the same id is replaced */
	const char *hash;      /* content hash */
	size_t sentences, actors, mentions; /* coded, all stored or not */
	size_t stored_actors;  /* actor mentions stored with their sentences */
	int evidence_only;     /* only the sentences with an event were stored */
	int64_t dup;           /* canonical article it near-duplicates, or 0 */
	const uint32_t *sig;   /* MinHash signature, or NULL */
} doc_row;

static void index_free(band_index *x);

struct dyad_store_query {
	dyad_store *st;
	sqlite3_stmt *stmt;       /* the query, its filters bound */
	int near;                 /* post-filter by distance */
	double lat, lon, km;
};

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

/* Turns an SQLite result into a status with a message on st: a lock held
** past the timeout is DYAD_BUSY and says so plainly. */
static dyad_status sql_fail(dyad_store *st, int rc, const char *what)
{
	const char *why = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return dyad__msg(st->msg, DYAD_BUSY,
				 "%s: database is locked by another dyad process (waited %d ms); "
				 "try again when it has finished", st->path, st->o.busy_ms);
	case SQLITE_NOMEM:
		return dyad__msg(st->msg, DYAD_NOMEM, "%s: out of memory (%s)", st->path, what);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return dyad__msg(st->msg, DYAD_CORRUPT, "%s: %s: %s", st->path, what, why);
	default:
		return dyad__msg(st->msg, DYAD_IO, "%s: %s: %s", st->path, what, why);
	}
}

/* Runs a statement with no rows to the end and resets it. */
static int run(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

/* Keeps what parameter i now holds; unknown when the bind failed. */
static void remember(binder *b, int i, int rc, int type, const void *p, sqlite3_int64 v)
{
	bound *x = &b->slot[i];

	x->type = rc == SQLITE_OK ? type : 0;
	x->p = p;
	x->v = v;
}

static int holds(const binder *b, int i, int type, const void *p, sqlite3_int64 v)
{
	const bound *x = &b->slot[i];

	return x->type == type && x->p == p && x->v == v;
}

static void b_int(binder *b, int i, sqlite3_int64 v)
{
	assert(i > 0 && i <= BIND_MAX);
	if (!holds(b, i, SQLITE_INTEGER, NULL, v))
		remember(b, i, sqlite3_bind_int64(b->s, i, v), SQLITE_INTEGER, NULL, v);
}

static void b_double(binder *b, int i, double v)
{
	sqlite3_int64 bits;

	assert(i > 0 && i <= BIND_MAX);
	memcpy(&bits, &v, sizeof bits);
	if (!holds(b, i, SQLITE_FLOAT, NULL, bits))
		remember(b, i, sqlite3_bind_double(b->s, i, v), SQLITE_FLOAT, NULL, bits);
}

static void b_null(binder *b, int i)
{
	assert(i > 0 && i <= BIND_MAX);
	if (!holds(b, i, SQLITE_NULL, NULL, 0))
		remember(b, i, sqlite3_bind_null(b->s, i), SQLITE_NULL, NULL, 0);
}

/* Text of n bytes, bound SQLITE_STATIC: v must live until the step. */
static void b_textn(binder *b, int i, const char *v, size_t n)
{
	assert(i > 0 && i <= BIND_MAX);
	if (!holds(b, i, SQLITE_TEXT, v, (sqlite3_int64)n))
		remember(b, i, sqlite3_bind_text(b->s, i, v, (int)n, SQLITE_STATIC), SQLITE_TEXT,
			 v, (sqlite3_int64)n);
}

/* Text, "" for NULL. */
static void b_text(binder *b, int i, const char *v)
{
	v = v ? v : "";
	b_textn(b, i, v, strlen(v));
}

static void b_blob(binder *b, int i, const void *p, int n)
{
	assert(i > 0 && i <= BIND_MAX);
	if (!holds(b, i, SQLITE_BLOB, p, n))
		remember(b, i, sqlite3_bind_blob(b->s, i, p, n, SQLITE_STATIC), SQLITE_BLOB, p, n);
}

/* A span as two parameters, both NULL when it is empty at 0. */
static void b_span(binder *b, int i, size_t a, size_t e)
{
	if (a == 0 && e == 0) {
		b_null(b, i);
		b_null(b, i + 1);
	} else {
		b_int(b, i, (sqlite3_int64)a);
		b_int(b, i + 1, (sqlite3_int64)e);
	}
}

/* Column text, "" for NULL. */
static const char *col_str(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */
/* ------------------------------------------------------------------ */

void dyad_store_opts_init(dyad_store_opts *o)
{
	memset(o, 0, sizeof *o);
}

/* Today in UTC, or the day of SOURCE_DATE_EPOCH when set, so that
** reproducible runs store reproducible rows. */
static void today(char out[11])
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = e && *e ? (time_t)strtoll(e, NULL, 10) : time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		strcpy(out, "1970-01-01");
}

/* One integer from a pragma or a count query. */
static int query_int(dyad_store *st, const char *sql, sqlite3_int64 *out)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = SQLITE_OK;
	sqlite3_finalize(s);
	return rc;
}

/* The schema version, refusing a file that is not dyad's or is newer. */
static dyad_status read_version(dyad_store *st, sqlite3_int64 *version)
{
	sqlite3_int64 app, tables;
	int rc;

	if ((rc = query_int(st, "PRAGMA user_version", version)) != SQLITE_OK ||
	    (rc = query_int(st, "PRAGMA application_id", &app)) != SQLITE_OK ||
	    (rc = query_int(st, "SELECT count(*) FROM sqlite_master", &tables)) != SQLITE_OK)
		return sql_fail(st, rc, "reading the schema version");
	if ((*version == 0 && tables > 0) || (*version > 0 && app != APP_ID))
		return dyad__msg(st->msg, DYAD_PARSE, "%s: not a dyad database", st->path);
	if (*version > SCHEMA_VERSION)
		return dyad__msg(st->msg, DYAD_PARSE,
				 "%s: made by a newer dyad (schema version %lld; this one knows "
				 "up to %d)", st->path, (long long)*version, SCHEMA_VERSION);
	return DYAD_OK;
}

/* One step towards version target in its own write transaction. The
** version is read again inside it: another process may have upgraded the
** file since. *done: the file is at target. */
static dyad_status migrate_step(dyad_store *st, int target, int *done)
{
	sqlite3_int64 v;
	char sql[96];
	dyad_status ret;
	int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return sql_fail(st, rc, "starting a schema upgrade");
	if ((ret = read_version(st, &v)) != DYAD_OK)
		goto fail;
	*done = v >= target;
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d;PRAGMA application_id=%d;",
		 (int)v + 1, APP_ID);
	if (!*done && ((rc = sqlite3_exec(st->db, migrations[v], NULL, NULL, NULL)) != SQLITE_OK ||
		       (rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL)) != SQLITE_OK)) {
		ret = sql_fail(st, rc, "upgrading the schema");
		goto fail;
	}
	if ((rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL)) == SQLITE_OK)
		return DYAD_OK;
	ret = sql_fail(st, rc, "upgrading the schema");
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return ret;
}

/* Checks the file is dyad's (or empty) and brings it to version target,
** one migration per transaction. */
static dyad_status migrate(dyad_store *st, int target)
{
	sqlite3_int64 version = 0;
	dyad_status ret;
	int done, waited = 0;

	/* Another process creating the file may refuse even the read at once. */
	while ((ret = read_version(st, &version)) == DYAD_BUSY && waited < st->o.busy_ms) {
		sqlite3_sleep(10);
		waited += 10;
	}
	done = version >= target;

	if (ret != DYAD_OK || done)
		return ret;
	if (st->o.readonly)
		return dyad__msg(st->msg, DYAD_PARSE,
				 "%s: schema version %lld needs an upgrade; open it for writing "
				 "once", st->path, (long long)version);
	while (!done) {
		if ((ret = migrate_step(st, target, &done)) == DYAD_BUSY && waited < st->o.busy_ms) {
			sqlite3_sleep(10);
			waited += 10;
			continue;
		}
		if (ret != DYAD_OK)
			return ret;
	}
	return DYAD_OK;
}

/* Runs sql, trying again while another connection holds a lock for up
** to the busy timeout: switching a new file to WAL, or reading its schema
** while another process creates it, can be refused at once without the
** busy handler being asked. */
static int exec_patient(dyad_store *st, const char *sql)
{
	int rc, waited = 0;

	while ((rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL)) == SQLITE_BUSY &&
	       waited < st->o.busy_ms) {
		sqlite3_sleep(10);
		waited += 10;
	}
	return rc;
}

/* Checkpoints every 16 MB of WAL rather than SQLite's 4: fewer copies
** of the same pages while a large ingest runs. The pragma counts pages. */
static dyad_status set_checkpoints(dyad_store *st)
{
	sqlite3_int64 page = 0;
	char sql[64];
	int rc;

	if (query_int(st, "PRAGMA page_size", &page) != SQLITE_OK || page < 512)
		page = 4096;
	snprintf(sql, sizeof sql, "PRAGMA wal_autocheckpoint=%d", (int)((16 << 20) / page));
	rc = exec_patient(st, sql);
	return rc == SQLITE_OK ? DYAD_OK : sql_fail(st, rc, "configuring");
}

/* Opens the SQLite file with dyad's settings. */
static dyad_status open_db(dyad_store *st, const char *path)
{
	/* A handle is for one thread: SQLite need not lock it on every call. */
	const int flags = SQLITE_OPEN_NOMUTEX | (st->o.readonly ? SQLITE_OPEN_READONLY
					 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	int rc = sqlite3_open_v2(path, &st->db, flags, NULL);

	if (rc != SQLITE_OK)
		return sql_fail(st, rc, "cannot open");
	sqlite3_extended_result_codes(st->db, 0);
	sqlite3_busy_timeout(st->db, st->o.busy_ms > 0 ? st->o.busy_ms : 0);
	/* A new file gets 16 KB pages, not 4: the store appends long rows,
	** and every page costs the WAL and its checkpoints two or three
	** system calls; an ingest ran about 4% faster. (An existing file keeps
	** its pages; the size can only be set before the WAL is.) */
	if (!st->o.readonly &&
	    ((rc = exec_patient(st, "PRAGMA page_size=16384")) != SQLITE_OK ||
	     (rc = exec_patient(st, "PRAGMA journal_mode=WAL")) != SQLITE_OK))
		return sql_fail(st, rc, "setting the WAL journal");
	rc = exec_patient(st, "PRAGMA synchronous=NORMAL;PRAGMA cache_size=-32768;"
			  "PRAGMA temp_store=MEMORY");
	return rc == SQLITE_OK ? set_checkpoints(st) : sql_fail(st, rc, "configuring");
}

static dyad_status prepare_all(dyad_store *st)
{
	int i, rc;

	for (i = 0; i < S_COUNT; i++)
		if ((rc = sqlite3_prepare_v3(st->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
					     &st->s[i], NULL)) != SQLITE_OK)
			return sql_fail(st, rc, "preparing statements");
	if (!(st->b = calloc(S_COUNT, sizeof *st->b)))
		return DYAD_NOMEM;
	for (i = 0; i < S_COUNT; i++)
		st->b[i].s = st->s[i];
	return DYAD_OK;
}

/* Opens path at schema version target (tests make older files with it). */
static dyad_status store_open_at(const char *path, const dyad_store_opts *o, int target,
				 dyad_store **out)
{
	dyad_store *st = calloc(1, sizeof *st);
	dyad_status ret;

	*out = st;
	if (!st || !(st->path = strdup(path ? path : ""))) {
		free(st);
		*out = NULL;
		return DYAD_NOMEM;
	}
	if (o)
		st->o = *o;
	st->o.batch = st->o.batch > 0 ? st->o.batch : DEFAULT_BATCH;
	st->o.batch_ms = st->o.batch_ms > 0 ? st->o.batch_ms : DEFAULT_BATCH_MS;
	st->o.busy_ms = st->o.busy_ms == 0 ? DEFAULT_BUSY_MS : st->o.busy_ms < 0 ? 0 : st->o.busy_ms;
	st->o.dup_threshold = st->o.dup_threshold > 0 ? st->o.dup_threshold : DEFAULT_DUP;
	dyad__arena_init(&st->arena);
	dyad__arena_init(&st->barena);
	today(st->added);
	if (!path || !*path)
		return dyad__msg(st->msg, DYAD_BADARG, "no database file given");
	if ((ret = open_db(st, path)) != DYAD_OK || (ret = migrate(st, target)) != DYAD_OK)
		return ret;
	if (!st->o.readonly && target == SCHEMA_VERSION)
		return prepare_all(st);
	return DYAD_OK;
}

dyad_status dyad_store_open(const char *path, const dyad_store_opts *o, dyad_store **out)
{
	return store_open_at(path, o, SCHEMA_VERSION, out);
}

dyad_status dyad__store_create_version(const char *path, int version)
{
	dyad_store *st;
	dyad_status ret;

	if (version < 0 || version > SCHEMA_VERSION)
		return DYAD_BADARG;
	ret = store_open_at(path, NULL, version, &st);
	dyad_store_close(st);
	return ret;
}

int dyad__store_schema_version(void)
{
	return SCHEMA_VERSION;
}

const char *dyad_store_errmsg(const dyad_store *st)
{
	return st ? st->msg : "";
}

dyad_status dyad_store_close(dyad_store *st)
{
	dyad_status ret = DYAD_OK;
	int i;

	if (!st)
		return DYAD_OK;
	if (st->in_batch)
		ret = dyad_store_commit(st);
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->s[i]);
	sqlite3_close_v2(st->db);
	free(st->b);
	dyad__buf_free(&st->gkeys);
	dyad__buf_free(&st->cm);
	dyad__buf_free(&st->evf);
	dyad__buf_free(&st->bm);
	dyad__arena_free(&st->barena);
	dyad__buf_free(&st->old);
	dyad__buf_free(&st->clusters);
	dyad__buf_free(&st->evrows);
	dyad__buf_free(&st->evorder);
	dyad__buf_free(&st->kids);
	index_free(&st->bix);
	dyad__buf_free(&st->keep);
	dyad__buf_free(&st->json);
	dyad__arena_free(&st->arena);
	free(st->path);
	free(st);
	return ret;
}

/* ------------------------------------------------------------------ */
/* The band index                                                      */
/* ------------------------------------------------------------------ */

/*
** The LSH bands of the original articles live in memory, not in a table:
** band keys are random, so each row of an index on them landed on another
** page, and the lookups and inserts cost more than the rest of a
** document's rows. The index is built from documents.sig by one
** sequential scan at the first lookup of a run (a run that only meets
** unchanged documents never builds it), and kept up to date as documents
** are written. It is dropped, to be built again, whenever it may differ
** from the file: another process committed (PRAGMA data_version moved),
** a document failed half-way or a batch was rolled back. 16 bytes a band:
** about 256 bytes an original article.
*/
typedef struct band {
	int64_t key;   /* LSH band key */
	uint32_t doc;  /* document row; 0 once the document was replaced */
	int32_t next;  /* next entry of the same chain, or -1 */
} band;

/* The smallest head count of the chains (a power of two). */
#define MIN_HEADS 1024

static size_t head_of(const band_index *x, int64_t key)
{
	return (size_t)(((uint64_t)key * 0x9e3779b97f4a7c15ull) >> 32) & (x->nheads - 1);
}

/* Forgets the index; the next lookup builds it again from the file. */
static void index_drop(band_index *x)
{
	x->built = 0;
	x->ents.len = 0;
	if (x->nheads)
		memset(x->heads, 0xff, x->nheads * sizeof *x->heads);
}

static void index_free(band_index *x)
{
	dyad__buf_free(&x->ents);
	free(x->heads);
	memset(x, 0, sizeof *x);
}

/* Chains every entry again over nheads heads. */
static int index_rehash(band_index *x, size_t nheads)
{
	int32_t *h = malloc(nheads * sizeof *h);
	band *e = (band *)x->ents.p;
	size_t i, n = DYAD__VEC_LEN(&x->ents, band);

	if (!h)
		return SQLITE_NOMEM;
	free(x->heads);
	x->heads = h;
	x->nheads = nheads;
	memset(h, 0xff, nheads * sizeof *h);
	for (i = 0; i < n; i++) {
		const size_t k = head_of(x, e[i].key);
		e[i].next = h[k];
		h[k] = (int32_t)i;
	}
	return SQLITE_OK;
}

/* Adds doc under key; the chains grow to keep about one entry a head. */
static int index_add(band_index *x, int64_t key, int64_t doc)
{
	const size_t n = DYAD__VEC_LEN(&x->ents, band);
	band b;
	size_t k;

	if (doc <= 0 || doc > (int64_t)UINT32_MAX || n >= INT32_MAX)
		return SQLITE_TOOBIG;
	if (n >= x->nheads && index_rehash(x, x->nheads ? 2 * x->nheads : MIN_HEADS) != SQLITE_OK)
		return SQLITE_NOMEM;
	k = head_of(x, key);
	b.key = key;
	b.doc = (uint32_t)doc;
	b.next = x->heads[k];
	if (dyad__buf_append(&x->ents, &b, sizeof b) != 0)
		return SQLITE_NOMEM;
	x->heads[k] = (int32_t)n;
	return SQLITE_DONE;
}

/* The first entry of key's chain, or -1; walk on with band.next. */
static int32_t index_first(const band_index *x, int64_t key)
{
	return x->nheads ? x->heads[head_of(x, key)] : -1;
}

/* Takes doc out of the chains of keys (it is being replaced). */
static void index_remove(band_index *x, int64_t doc, const int64_t *keys)
{
	int i;

	for (i = 0; i < DYAD__SIG_BANDS; i++) {
		int32_t j;

		for (j = index_first(x, keys[i]); j >= 0;) {
			band *b = &DYAD__VEC_AT(&x->ents, band, (size_t)j);
			j = b->next;
			if (b->key == keys[i] && b->doc == (uint64_t)doc)
				b->doc = 0;
		}
	}
}

/* Builds the index from the file (with the lookups, below). */
static int index_build(dyad_store *st);

/* ------------------------------------------------------------------ */
/* Clustering at the end of a batch                                    */
/* ------------------------------------------------------------------ */

/* The outlet of an article: its source, else the host of its URL, else
** ""; a copy in the arena. */
static const char *outlet_of(dyad__arena *a, const char *source, const char *url)
{
	const char *h, *e;

	if (source[0])
		return dyad__arena_strndup(a, source, strlen(source));
	h = strstr(url, "://");
	if (!h)
		return "";
	h += 3;
	e = h + strcspn(h, "/:?#");
	return dyad__arena_strndup(a, h, (size_t)(e - h));
}

/* What an event row takes from the mentions that give its code and its
** place, read with the group. Strings are in st->arena or st->barena. */
typedef struct ev_fields {
	const char *date, *source, *target, *source_label, *target_label, *root;
	const char *plover, *place, *country, *admin1;
	int date_precision;
	int has_quad, quad;         /* quad is NULL for an unknown code */
	int has_goldstein;
	double goldstein;
	int has_latlon;             /* NULL when unplaced */
	double lat, lon;
} ev_fields;

/* Column i as a string in the arena, "" for NULL. */
static const char *dup_col(dyad__arena *a, sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t ? dyad__arena_strndup(a, t, (size_t)sqlite3_column_bytes(s, i)) : "";
}

/* The clustering facts of the current GROUP row. */
static void read_cmention(dyad__arena *a, sqlite3_stmt *s, dyad__cmention *m)
{
	m->rowid = sqlite3_column_int64(s, 0);
	m->canon = sqlite3_column_int64(s, 1);
	m->outlet = outlet_of(a, col_str(s, 2), col_str(s, 3));
	m->place_key = dup_col(a, s, 4);
	m->cameo = dup_col(a, s, 5);
	m->geo_precision = sqlite3_column_int(s, 6);
	m->first_sentence = sqlite3_column_int(s, 7) == 0;
	m->cluster = -1;
}

/* The event facts of the current GROUP row. */
static void read_fields(dyad__arena *a, sqlite3_stmt *s, ev_fields *f)
{
	f->date = dup_col(a, s, 9);
	f->date_precision = sqlite3_column_int(s, 10);
	f->source = dup_col(a, s, 11);
	f->target = dup_col(a, s, 12);
	f->source_label = dup_col(a, s, 13);
	f->target_label = dup_col(a, s, 14);
	f->root = dup_col(a, s, 15);
	f->has_quad = sqlite3_column_type(s, 16) != SQLITE_NULL;
	f->quad = sqlite3_column_int(s, 16);
	f->has_goldstein = sqlite3_column_type(s, 17) != SQLITE_NULL;
	f->goldstein = sqlite3_column_double(s, 17);
	f->plover = dup_col(a, s, 18);
	f->place = dup_col(a, s, 19);
	f->country = dup_col(a, s, 20);
	f->admin1 = dup_col(a, s, 21);
	f->has_latlon = sqlite3_column_type(s, 22) != SQLITE_NULL;
	f->lat = sqlite3_column_double(s, 22);
	f->lon = sqlite3_column_double(s, 23);
}

/* Reads group gkey's eligible mentions into st->cm, st->evf and st->old:
** all an event row needs, so writing the events reads nothing again. */
static int load_group(dyad_store *st, int64_t gkey)
{
	sqlite3_stmt *s = st->s[S_GROUP];
	int rc;

	st->cm.len = st->evf.len = st->old.len = 0;
	sqlite3_bind_int64(s, 1, gkey);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		dyad__cmention m;
		ev_fields f;
		const int64_t old = sqlite3_column_int64(s, 8);

		read_cmention(&st->arena, s, &m);
		read_fields(&st->arena, s, &f);
		if (dyad__buf_append(&st->cm, &m, sizeof m) != 0 ||
		    dyad__buf_append(&st->evf, &f, sizeof f) != 0 ||
		    dyad__buf_append(&st->old, &old, sizeof old) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE && st->arena.nomem)
		rc = SQLITE_NOMEM;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
** The batch's own eligible mentions, kept as they are written: a group
** that had no event before the batch (its DELETE of events removed none)
** has only these, so it is clustered without reading anything back. A
** relinked copy changes articles' links mid-batch: then every group is
** read back.
*/
typedef struct bmention {
	int64_t gkey;
	int64_t event;       /* the event written with it */
	dyad__cmention m;    /* rowid 0: its document was replaced or failed */
	ev_fields f;
} bmention;

/* A string of the batch, "" for NULL. */
static const char *bdup(dyad_store *st, const char *t)
{
	return t && *t ? dyad__arena_strndup(&st->barena, t, strlen(t)) : "";
}

/* The outlet of canonical article canon: this one's, or a stored one's. */
static int canon_outlet(dyad_store *st, const dyad_doc_info *info, int64_t row, int64_t canon,
			const char **out)
{
	sqlite3_stmt *s = st->s[S_DOC_OUTLET];
	int rc;

	if (canon == row) {
		*out = outlet_of(&st->barena, info->source ? info->source : "",
				 info->url ? info->url : "");
		return SQLITE_DONE;
	}
	sqlite3_bind_int64(s, 1, canon);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = outlet_of(&st->barena, col_str(s, 0), col_str(s, 1));
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	return rc;
}

/* Keeps eligible mention e (row id rowid, its values as bound). */
static int keep_mention(dyad_store *st, const dyad_event *e, int64_t rowid, int64_t gkey,
			const char *pk, const char *outlet, int64_t canon)
{
	bmention b;

	memset(&b, 0, sizeof b);
	b.gkey = gkey;
	b.event = dyad__cluster_id(gkey, pk);
	b.m.rowid = rowid;
	b.m.canon = canon;
	b.m.outlet = outlet;
	b.m.place_key = bdup(st, pk);
	b.m.cameo = bdup(st, e->cameo);
	b.m.geo_precision = (int)e->geo_precision;
	b.m.first_sentence = e->sent == 0;
	b.m.cluster = -1;
	b.f.date = bdup(st, e->date);
	b.f.date_precision = (int)e->date_precision;
	b.f.source = bdup(st, e->source);
	b.f.target = bdup(st, e->target);
	b.f.source_label = bdup(st, e->source_label);
	b.f.target_label = bdup(st, e->target_label);
	b.f.root = bdup(st, e->root);
	b.f.has_quad = e->quad > 0;
	b.f.quad = e->quad;
	b.f.has_goldstein = e->has_goldstein && isfinite(e->goldstein);
	b.f.goldstein = e->goldstein;
	b.f.plover = bdup(st, e->plover);
	b.f.place = bdup(st, e->place);
	b.f.country = bdup(st, e->country);
	b.f.admin1 = bdup(st, e->admin1);
	b.f.has_latlon = e->geo_precision != DYAD_GEO_NONE;
	b.f.lat = e->lat;
	b.f.lon = e->lon;
	if (st->barena.nomem || dyad__buf_append(&st->bm, &b, sizeof b) != 0)
		return SQLITE_NOMEM;
	return SQLITE_DONE;
}

/* The batch's mentions of document row no longer count. */
static void forget_mentions(dyad_store *st, int64_t row)
{
	size_t i;

	for (i = 0; i < DYAD__VEC_LEN(&st->bm, bmention); i++) {
		bmention *b = &DYAD__VEC_AT(&st->bm, bmention, i);
		if (b->m.rowid >> 24 == row)
			b->m.rowid = 0;
	}
}

static int cmp_bm(const void *a, const void *b)
{
	const bmention *x = a, *y = b;

	if (x->gkey != y->gkey)
		return x->gkey < y->gkey ? -1 : 1;
	return x->m.rowid < y->m.rowid ? -1 : x->m.rowid > y->m.rowid;
}

/* Group gkey from the batch's mentions into st->cm, st->evf and st->old,
** in the order load_group reads them (by row id). Groups come in
** ascending order, as bm is sorted. */
static int batch_group(dyad_store *st, int64_t gkey)
{
	const bmention *b = (const bmention *)st->bm.p;
	const size_t n = DYAD__VEC_LEN(&st->bm, bmention);

	st->cm.len = st->evf.len = st->old.len = 0;
	while (st->bm_at < n && b[st->bm_at].gkey < gkey)
		st->bm_at++;
	for (; st->bm_at < n && b[st->bm_at].gkey == gkey; st->bm_at++) {
		const bmention *x = &b[st->bm_at];
		if (!x->m.rowid)
			continue;
		if (dyad__buf_append(&st->cm, &x->m, sizeof x->m) != 0 ||
		    dyad__buf_append(&st->evf, &x->f, sizeof x->f) != 0 ||
		    dyad__buf_append(&st->old, &x->event, sizeof x->event) != 0)
			return SQLITE_NOMEM;
	}
	return SQLITE_OK;
}

/* Forgets the batch's mentions (a batch starts or ends). */
static void bm_reset(dyad_store *st)
{
	st->bm.len = 0;
	st->bm_at = 0;
	st->relinked = 0;
	st->evrows.len = 0;
	dyad__arena_reset(&st->barena);
	dyad__arena_reset(&st->arena);
}

static int is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* The first and last day a date of 4, 7 or 10 characters can mean (the
** events' date_lo and date_hi, compared as text); "9999" and "" when
** undated, so an undated event passes no date filter. */
static void date_bounds(const char *d, char lo[11], char hi[11])
{
	static const char mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const size_t n = strlen(d);

	if (n != 4 && n != 7 && n != 10) {
		strcpy(lo, "9999");
		hi[0] = '\0';
		return;
	}
	memcpy(lo, d, n);
	memcpy(hi, d, n);
	lo[n] = hi[n] = '\0';
	if (n == 4) {
		strcat(lo, "-01-01");
		strcat(hi, "-12-31");
	} else if (n == 7) {
		const int y = atoi(d), m = atoi(d + 5);
		const int last = m < 1 || m > 12 ? 31 : m == 2 && is_leap(y) ? 29 : mdays[m - 1];

		strcat(lo, "-01");
		hi[7] = '-';
		hi[8] = (char)('0' + last / 10);
		hi[9] = (char)('0' + last % 10);
		hi[10] = '\0';
	}
}

/* Binds what the event takes from its code's mention (3 to 15). */
static void bind_event_what(binder *s, const ev_fields *a)
{
	char lo[11], hi[11];

	date_bounds(a->date, lo, hi);
	b_text(s, 3, a->date);
	b_int(s, 4, a->date_precision);
	remember(s, 5, sqlite3_bind_text(s->s, 5, lo, -1, SQLITE_TRANSIENT), 0, NULL, 0);
	remember(s, 6, sqlite3_bind_text(s->s, 6, hi, -1, SQLITE_TRANSIENT), 0, NULL, 0);
	b_text(s, 7, a->source);
	b_text(s, 8, a->target);
	b_text(s, 9, a->source_label);
	b_text(s, 10, a->target_label);
	b_text(s, 11, a->root);
	if (a->has_quad)
		b_int(s, 13, a->quad);
	else
		b_null(s, 13);
	if (a->has_goldstein)
		b_double(s, 14, a->goldstein);
	else
		b_null(s, 14);
	b_text(s, 15, a->plover);
}

/*
** An event row of the batch. The rows are written at the batch's end in
** the order of their ids: the ids are hashes, and written group by group
** each landed on another page of the table, which then split far more
** often (SQLite's balancing was half of each insert). The strings stay in
** st->arena and st->barena until the batch ends.
*/
typedef struct ev_row {
	int64_t id, gkey;
	ev_fields what;         /* the majority code's mention: date, actors, code */
	ev_fields where;        /* the most precisely placed mention */
	const char *cameo;      /* the majority code */
	int geo_precision;      /* of where */
	int root_event;         /* a mention is in an article's first sentence */
	size_t mentions, sources, articles;
	int64_t first_doc;      /* the earliest original article */
} ev_row;

/* Keeps one cluster's event row: its code from the majority mention,
** its place from the most precise one. */
static int keep_event(dyad_store *st, int64_t gkey, const dyad__cluster *c,
		      const dyad__cmention *m)
{
	ev_row r;

	r.id = c->id;
	r.gkey = gkey;
	r.what = DYAD__VEC_AT(&st->evf, ev_fields, c->code_row);
	r.where = DYAD__VEC_AT(&st->evf, ev_fields, c->place_row);
	r.cameo = m[c->code_row].cameo;
	r.geo_precision = m[c->place_row].geo_precision;
	r.root_event = c->root_event;
	r.mentions = c->mentions;
	r.sources = c->sources;
	r.articles = c->articles;
	r.first_doc = m[c->first_row].canon;
	return dyad__buf_append(&st->evrows, &r, sizeof r) ? SQLITE_NOMEM : SQLITE_DONE;
}

/* Writes one event row. */
static int put_event(dyad_store *st, const ev_row *r)
{
	binder *s = &st->b[S_EV_INSERT];
	const ev_fields *p = &r->where;

	b_int(s, 1, r->id);
	b_int(s, 2, r->gkey);
	bind_event_what(s, &r->what);
	b_text(s, 12, r->cameo);
	b_text(s, 16, p->place);
	b_text(s, 17, p->country);
	b_text(s, 18, p->admin1);
	if (p->has_latlon) {
		b_double(s, 19, p->lat);
		b_double(s, 20, p->lon);
	} else {
		b_null(s, 19);
		b_null(s, 20);
	}
	b_int(s, 21, r->geo_precision);
	b_int(s, 22, (sqlite3_int64)r->mentions);
	b_int(s, 23, (sqlite3_int64)r->sources);
	b_int(s, 24, (sqlite3_int64)r->articles);
	b_int(s, 25, r->root_event);
	b_int(s, 26, r->first_doc);
	return run(s->s);
}

/* An event row's place in the order of ids (rows are too big to sort). */
typedef struct ev_order {
	int64_t id;
	size_t row;
} ev_order;

static int cmp_ev_order(const void *a, const void *b)
{
	const ev_order *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Writes the batch's event rows, by id. */
static int put_events(dyad_store *st)
{
	const ev_row *r = (const ev_row *)st->evrows.p;
	const size_t n = DYAD__VEC_LEN(&st->evrows, ev_row);
	ev_order *o;
	size_t i;
	int rc = SQLITE_DONE;

	st->evorder.len = 0;
	if (dyad__buf_reserve(&st->evorder, (n + 1) * sizeof *o) != 0)
		return SQLITE_NOMEM;
	o = (ev_order *)st->evorder.p;
	for (i = 0; i < n; i++) {
		o[i].id = r[i].id;
		o[i].row = i;
	}
	if (n)
		qsort(o, n, sizeof *o, cmp_ev_order);
	for (i = 0; i < n && rc == SQLITE_DONE; i++)
		rc = put_event(st, &r[o[i].row]);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Deletes the events of group gkey; *had: it had some. Most groups a
** batch touches are new: a lookup finds that for half the cost of the
** DELETE, which opens the table and both its indexes. */
static int drop_events(dyad_store *st, int64_t gkey, int *had)
{
	sqlite3_stmt *s = st->s[S_EV_HAS];
	int rc;

	sqlite3_bind_int64(s, 1, gkey);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	*had = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	sqlite3_bind_int64(st->s[S_EV_DELETE], 1, gkey);
	rc = run(st->s[S_EV_DELETE]);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Clusters group gkey again from all its mentions: its events are
** deleted and their new rows kept for put_events, and each mention whose
** event changed is pointed at its new one. */
static int recluster(dyad_store *st, int64_t gkey)
{
	dyad__cmention *m;
	const int64_t *old;
	dyad__cluster *c;
	size_t n, nc, i;
	int rc, had;

	if ((rc = drop_events(st, gkey, &had)) != SQLITE_OK)
		return rc;
	rc = !st->relinked && !had ? batch_group(st, gkey) : load_group(st, gkey);
	if (rc != SQLITE_OK)
		return rc;
	n = DYAD__VEC_LEN(&st->cm, dyad__cmention);
	st->clusters.len = 0;
	if (dyad__buf_reserve(&st->clusters, (n + 1) * sizeof(dyad__cluster)) != 0)
		return SQLITE_NOMEM;
	m = (dyad__cmention *)st->cm.p;
	old = (const int64_t *)st->old.p;
	c = (dyad__cluster *)st->clusters.p;
	if (dyad__cluster_group(gkey, m, n, c, &nc) != 0)
		return SQLITE_NOMEM;
	for (i = 0; i < nc; i++)
		if ((rc = keep_event(st, gkey, &c[i], m)) != SQLITE_DONE)
			return rc;
	for (i = 0; i < n; i++) {
		const int64_t ev = c[m[i].cluster].id;
		if (old[i] == ev)
			continue;
		sqlite3_bind_int64(st->s[S_MEN_EVENT], 1, m[i].rowid);
		sqlite3_bind_int64(st->s[S_MEN_EVENT], 2, ev);
		if ((rc = run(st->s[S_MEN_EVENT])) != SQLITE_DONE)
			return rc;
	}
	return SQLITE_OK;
}

static int cmp_gkey(const void *a, const void *b)
{
	const int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Reclusters every group the batch touched, once each, and writes their
** events. */
static int recluster_batch(dyad_store *st)
{
	int64_t *g = (int64_t *)st->gkeys.p;
	const size_t n = DYAD__VEC_LEN(&st->gkeys, int64_t);
	size_t i;
	int rc;

	if (n)
		qsort(g, n, sizeof *g, cmp_gkey);
	if (st->bm.len)
		qsort(st->bm.p, DYAD__VEC_LEN(&st->bm, bmention), sizeof(bmention), cmp_bm);
	st->bm_at = 0;
	for (i = 0; i < n; i++) {
		if (i > 0 && g[i] == g[i - 1])
			continue;
		if ((rc = recluster(st, g[i])) != SQLITE_OK)
			return rc;
	}
	if ((rc = put_events(st)) != SQLITE_OK)
		return rc;
	st->gkeys.len = 0;
	bm_reset(st);
	return SQLITE_OK;
}

/* Ends the open batch without writing it. */
static void abort_batch(dyad_store *st)
{
	if (st->in_batch)
		run(st->s[S_ROLLBACK]);
	st->in_batch = 0;
	st->batch_docs = 0;
	st->gkeys.len = 0;
	st->next_row = 0;
	bm_reset(st);
	index_drop(&st->bix);
}

dyad_status dyad_store_commit(dyad_store *st)
{
	int rc;

	if (!st->in_batch)
		return DYAD_OK;
	if ((rc = recluster_batch(st)) != SQLITE_OK ||
	    (rc = run(st->s[S_COMMIT])) != SQLITE_DONE) {
		const dyad_status ret = sql_fail(st, rc, "committing a batch (its documents are not stored)");
		abort_batch(st);
		return ret;
	}
	st->in_batch = 0;
	st->batch_docs = 0;
	return DYAD_OK;
}

static double now_ms(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_MONOTONIC, &t) != 0)
		return 0;
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Whether the open batch is done: batch documents, or held batch_ms. The
** time keeps another process's wait for the lock short however slow
** the articles are; the count bounds what a crash loses. */
static int batch_full(const dyad_store *st)
{
	return st->batch_docs >= st->o.batch || now_ms() - st->batch_start >= st->o.batch_ms;
}

static dyad_status begin_batch(dyad_store *st)
{
	int rc;

	if (st->in_batch)
		return DYAD_OK;
	if (!st->s[S_BEGIN])
		return dyad__msg(st->msg, DYAD_BADARG, "%s: opened read-only", st->path);
	if ((rc = run(st->s[S_BEGIN])) != SQLITE_DONE)
		return sql_fail(st, rc, "starting a batch");
	/* Holding the write lock, nobody else commits until this batch
	** ends: the band index is right if nobody did since the last one. */
	if ((rc = sqlite3_step(st->s[S_DATA_VERSION])) == SQLITE_ROW) {
		const sqlite3_int64 v = sqlite3_column_int64(st->s[S_DATA_VERSION], 0);
		if (v != st->bix.version)
			index_drop(&st->bix);
		st->bix.version = v;
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st->s[S_DATA_VERSION]);
	if (rc != SQLITE_DONE) {
		run(st->s[S_ROLLBACK]);
		return sql_fail(st, rc, "starting a batch");
	}
	st->in_batch = 1;
	st->batch_docs = 0;
	st->batch_start = now_ms();
	st->next_row = 0;
	bm_reset(st);
	st->gkeys.len = 0;
	return DYAD_OK;
}

/* ------------------------------------------------------------------ */
/* Writing one document                                                */
/* ------------------------------------------------------------------ */

/* Eight bytes at p as a little-endian number on any machine: the hash
** is stored, and a file may move between machines. (Compilers make one
** load of it.) */
static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	       (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static uint64_t lane(uint64_t a, uint64_t w)
{
	a = (a ^ w) * 0x9e3779b97f4a7c15ull;
	return a ^ (a >> 29);
}

/* A 64-bit fingerprint of n bytes, read eight at a time in four
** independent lanes. FNV-1a, the content hash of schema 3 and before,
** chains a multiplication per byte: over an article's text it cost
** about 2% of an ingest. Not for tables (dyad__hash is): it only tells
** an article that changed. */
static uint64_t fingerprint(const void *v, size_t n)
{
	const unsigned char *p = v;
	uint64_t x[4] = { 0x6479616431ull, 0x6479616432ull, 0x6479616433ull, 0x6479616434ull };
	uint64_t t = 0;
	size_t i = 0, k;

	for (; i + 32 <= n; i += 32)
		for (k = 0; k < 4; k++)
			x[k] = lane(x[k], le64(p + i + 8 * k));
	for (; i + 8 <= n; i += 8)
		x[0] = lane(x[0], le64(p + i));
	for (k = 0; i < n; i++, k += 8)
		t |= (uint64_t)p[i] << k;
	x[1] = lane(x[1], t);
	t = x[0] ^ dyad__rotl64(x[1], 16) ^ dyad__rotl64(x[2], 32) ^ dyad__rotl64(x[3], 48);
	return dyad__hash_u64(dyad__hash_u64(t) + n);
}

/* How a field's bytes are hashed: fingerprint, or dyad__hash for a
** document stored by schema 3 or before. */
typedef uint64_t (*bytes_hash)(const void *p, size_t n);

/* Adds s and its length to h: every field counts, and a byte moved from
** one field to the next changes the hash. */
static uint64_t hash_field(bytes_hash f, uint64_t h, const char *s, size_t n)
{
	uint64_t x = f(s ? s : "", s ? n : 0);

	return dyad__hash_u64(h ^ x) * 31 + (s ? n + 1 : 0);
}

/* The content hash of an article: text and metadata, as 16 hex digits.
** The same input gives the same hash; any change, a new one. */
static void content_hash(const dyad_input *in, bytes_hash f, char out[17])
{
	uint64_t h = 0x73746f7265ull;

	h = hash_field(f, h, in->text, in->text_len);
	h = hash_field(f, h, in->url, in->url ? strlen(in->url) : 0);
	h = hash_field(f, h, in->date, in->date ? strlen(in->date) : 0);
	h = hash_field(f, h, in->source, in->source ? strlen(in->source) : 0);
	h = hash_field(f, h, in->title, in->title ? strlen(in->title) : 0);
	h = hash_field(f, h, in->lang, in->lang ? strlen(in->lang) : 0);
	dyad__hex16(h, out);
}

void dyad__store_content_hash(const dyad_input *in, int schema3, char out[17])
{
	content_hash(in, schema3 ? dyad__hash : fingerprint, out);
}

/* Whether stored, a document row's hash, is in's: the upgrade to schema
** 4 marked the hashes made before it "fnv1:", and those are made again
** the old way (only for an article stored then and met again). */
static int same_hash(const dyad_input *in, const char *hash, const char *stored)
{
	char old[17];

	if (strcmp(stored, hash) == 0)
		return 1;
	if (strncmp(stored, "fnv1:", 5) != 0)
		return 0;
	content_hash(in, dyad__hash, old);
	return strcmp(stored + 5, old) == 0;
}

/* Finds doc id; *row 0 when absent. *same: its hash is hash, in's. */
static int find_doc(dyad_store *st, const dyad_input *in, const char *id, const char *hash,
		    int64_t *row, int *same)
{
	sqlite3_stmt *s = st->s[S_DOC_FIND];
	int rc;

	*row = 0;
	*same = 0;
	/* The context keeps at most DYAD_MAX_FIELD_BYTES of an id: so does the store. */
	sqlite3_bind_text(s, 1, id, (int)strnlen(id, DYAD_MAX_FIELD_BYTES), SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*row = sqlite3_column_int64(s, 0);
		*same = same_hash(in, hash, col_str(s, 1));
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	return rc;
}

/* Records that group gkey needs clustering at the end of the batch. */
static int touch(dyad_store *st, int64_t gkey)
{
	return dyad__buf_append(&st->gkeys, &gkey, sizeof gkey) ? SQLITE_NOMEM : SQLITE_OK;
}

/* Touches the groups of doc row's mentions (they are about to change). */
static int touch_doc_groups(dyad_store *st, int64_t row)
{
	sqlite3_stmt *s = st->s[S_MEN_GKEYS];
	int rc;

	sqlite3_bind_int64(s, 1, row);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (touch(st, sqlite3_column_int64(s, 0)) != SQLITE_OK) {
			rc = SQLITE_NOMEM;
			break;
		}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The bands of a stored signature (a BLOB of DYAD__SIG_K values) go
** with their document. */
static void unband(dyad_store *st, int64_t row, const void *sig, int len)
{
	uint32_t v[DYAD__SIG_K];
	int64_t keys[DYAD__SIG_BANDS];

	if (!sig || len != (int)sizeof v)
		return;
	memcpy(v, sig, sizeof v);
	dyad__dedup_bands(v, keys);
	index_remove(&st->bix, row, keys);
}

/* Removes the rows of stored document row, ahead of its new content. */
static int clear_doc(dyad_store *st, int64_t row)
{
	static const stmt_id del[] = { S_SENT_DELETE, S_MEN_DELETE };
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if ((rc = touch_doc_groups(st, row)) != SQLITE_OK ||
	    (!st->bix.built && (rc = index_build(st)) != SQLITE_OK))
		return rc;
	forget_mentions(st, row);
	s = st->s[S_DOC_SIG];
	sqlite3_bind_int64(s, 1, row);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		unband(st, row, sqlite3_column_blob(s, 0), sqlite3_column_bytes(s, 0));
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	for (i = 0; i < sizeof del / sizeof del[0]; i++) {
		sqlite3_bind_int64(st->s[del[i]], 1, row);
		if ((rc = run(st->s[del[i]])) != SQLITE_DONE)
			return rc;
	}
	return SQLITE_OK;
}

/* What looking a signature up found. */
typedef struct dup_found {
	int64_t dup;                      /* canonical article resembled, or 0 */
	unsigned char full[DYAD__SIG_BANDS]; /* bands already holding BAND_CAP articles */
} dup_found;

/*
** The best earlier article that sig resembles at the threshold or above,
** as its canonical article (the one it duplicates, if it is itself a
** duplicate). A band key shared by BAND_CAP earlier articles is full:
** articles alike in their boilerplate would otherwise make every lookup
** compare with all of them. The earliest articles are kept, and they are
** the canonical ones a copy links to.
*/
/* A lookup in progress: the candidates compared so far and the best. */
typedef struct lookup {
	const uint32_t *sig;
	double best;
	int64_t done[DYAD__SIG_BANDS * BAND_CAP * 2]; /* articles compared */
	size_t ndone;
	dup_found *out;
} lookup;

/* Whether candidate doc was compared already; if not, it is now. */
static int done_before(lookup *l, int64_t doc)
{
	size_t k;

	for (k = 0; k < l->ndone && l->done[k] != doc; k++)
		;
	if (k < l->ndone)
		return 1;
	if (l->ndone < sizeof l->done / sizeof l->done[0])
		l->done[l->ndone++] = doc;
	return 0;
}

/* Compares candidate doc (its signature blob and link). */
static void consider(lookup *l, int64_t doc, int64_t dup_of, const void *blob, int len)
{
	uint32_t other[DYAD__SIG_K];
	double r;

	if (len != (int)sizeof other)
		return;
	memcpy(other, blob, sizeof other);
	r = dyad__dedup_resemblance(l->sig, other);
	if (r > l->best || (r == l->best && (!l->out->dup || doc < l->out->dup))) {
		l->best = r;
		l->out->dup = dup_of ? dup_of : doc;
	}
}

/* The candidate doc's signature and link, compared once: an article
** found in several bands is read from the file only the first time. */
static int consider_doc(dyad_store *st, lookup *l, int64_t doc)
{
	sqlite3_stmt *s = st->s[S_DOC_SIG];
	int rc;

	if (done_before(l, doc))
		return SQLITE_DONE;
	sqlite3_bind_int64(s, 1, doc);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		consider(l, doc, sqlite3_column_int64(s, 1), sqlite3_column_blob(s, 0),
			 sqlite3_column_bytes(s, 0));
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	return rc;
}

static int find_dup(dyad_store *st, const uint32_t *sig, const int64_t *keys, int64_t row,
		    dup_found *out)
{
	lookup l;
	int i, rc = SQLITE_DONE;

	memset(out, 0, sizeof *out);
	l.sig = sig;
	l.best = st->o.dup_threshold;
	l.ndone = 0;
	l.out = out;
	if (!st->bix.built && (rc = index_build(st)) != SQLITE_OK)
		return rc;
	rc = SQLITE_DONE;
	for (i = 0; i < DYAD__SIG_BANDS && rc == SQLITE_DONE; i++) {
		unsigned seen = 0;
		int32_t j;

		for (j = index_first(&st->bix, keys[i]); j >= 0 && rc == SQLITE_DONE;) {
			const band b = DYAD__VEC_AT(&st->bix.ents, band, (size_t)j);
			j = b.next;
			if (b.key != keys[i] || !b.doc || b.doc >= row)
				continue;
			if (++seen >= BAND_CAP)
				out->full[i] = 1;
			rc = consider_doc(st, &l, b.doc);
		}
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Adds the bands of an original article (a near-duplicate adds none:
** later copies find the original), but to no full band. */
static int add_bands(dyad_store *st, int64_t row, const int64_t *keys, const dup_found *f)
{
	int i, rc = SQLITE_DONE;

	for (i = 0; i < DYAD__SIG_BANDS && rc == SQLITE_DONE && !f->dup; i++)
		if (!f->full[i])
			rc = index_add(&st->bix, keys[i], row);
	return rc;
}

/* Which bands of keys already hold BAND_CAP articles before row. */
static void full_bands(const band_index *x, const int64_t *keys, int64_t row,
		       unsigned char full[DYAD__SIG_BANDS])
{
	int i;

	for (i = 0; i < DYAD__SIG_BANDS; i++) {
		unsigned seen = 0;
		int32_t j;

		for (j = index_first(x, keys[i]); j >= 0 && seen < BAND_CAP;) {
			const band *b = &DYAD__VEC_AT(&x->ents, band, (size_t)j);
			j = b->next;
			seen += b->key == keys[i] && b->doc && b->doc < row;
		}
		full[i] = seen >= BAND_CAP;
	}
}

/* Fills the index from the originals' signatures in the file, in row
** order, each band capped as when the articles were added. */
static int index_build(dyad_store *st)
{
	sqlite3_stmt *s = st->s[S_SIG_SCAN];
	int rc;

	index_drop(&st->bix);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const int64_t row = sqlite3_column_int64(s, 0);
		uint32_t sig[DYAD__SIG_K];
		int64_t keys[DYAD__SIG_BANDS];
		dup_found f;

		if (sqlite3_column_bytes(s, 1) != (int)sizeof sig)
			continue;
		memcpy(sig, sqlite3_column_blob(s, 1), sizeof sig);
		dyad__dedup_bands(sig, keys);
		f.dup = 0;
		full_bands(&st->bix, keys, row, f.full);
		if ((rc = add_bands(st, row, keys, &f)) != SQLITE_DONE)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		index_drop(&st->bix);
		return rc;
	}
	st->bix.built = 1;
	return SQLITE_OK;
}

/* Finds the earlier article that doc in row near-duplicates, if any:
** d->sig and d->dup are set (sig points into sig), and its bands stored. */
static int link_doc(dyad_store *st, const dyad_doc *doc, uint32_t sig[DYAD__SIG_K], doc_row *d)
{
	int64_t keys[DYAD__SIG_BANDS];
	dup_found f;
	int rc;

	d->dup = 0;
	d->sig = NULL;
	if (dyad__dedup_signature(doc, sig) == 0)
		return SQLITE_DONE;
	dyad__dedup_bands(sig, keys);
	if ((rc = find_dup(st, sig, keys, d->id, &f)) != SQLITE_OK)
		return rc;
	d->dup = f.dup;
	d->sig = sig;
	return add_bands(st, d->id, keys, &f);
}

/* An article that was linked to row: its id and signature. */
typedef struct child {
	int64_t row;
	uint32_t sig[DYAD__SIG_K];
	int has_sig;
} child;

/* The articles linked to row, which is changing: each is linked again
** to whatever it now resembles, and its events counted again. */
static int relink_children(dyad_store *st, int64_t row, dyad__buf *kids)
{
	sqlite3_stmt *s = st->s[S_DOC_CHILDREN];
	size_t i, n;
	int rc;

	kids->len = 0;
	sqlite3_bind_int64(s, 1, row);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		child k;
		k.row = sqlite3_column_int64(s, 0);
		k.has_sig = sqlite3_column_bytes(s, 1) == (int)sizeof k.sig;
		if (k.has_sig)
			memcpy(k.sig, sqlite3_column_blob(s, 1), sizeof k.sig);
		if (dyad__buf_append(kids, &k, sizeof k) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	n = DYAD__VEC_LEN(kids, child);
	st->relinked |= n > 0;
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		const child *k = &DYAD__VEC_AT(kids, child, i);
		int64_t keys[DYAD__SIG_BANDS];
		dup_found f;
		int64_t dup;

		memset(&f, 0, sizeof f);
		if (k->has_sig) {
			dyad__dedup_bands(k->sig, keys);
			/* Now an original itself, it needs the bands it lacked. */
			if ((rc = find_dup(st, k->sig, keys, k->row, &f)) != SQLITE_OK ||
			    (rc = add_bands(st, k->row, keys, &f)) != SQLITE_DONE)
				return rc;
		}
		dup = f.dup;
		if ((rc = touch_doc_groups(st, k->row)) != SQLITE_OK)
			return rc;
		sqlite3_bind_int64(st->s[S_DOC_DUP], 1, k->row);
		if (dup)
			sqlite3_bind_int64(st->s[S_DOC_DUP], 2, dup);
		else
			sqlite3_bind_null(st->s[S_DOC_DUP], 2);
		sqlite3_bind_blob(st->s[S_DOC_DUP], 3, k->has_sig ? k->sig : NULL,
				  k->has_sig ? (int)sizeof k->sig : 0, SQLITE_TRANSIENT);
		rc = run(st->s[S_DOC_DUP]);
	}
	return rc;
}

/* Writes the document row, last: every count and link is known by then,
** so the row is written once. */
static int put_doc_row(dyad_store *st, const dyad_doc_info *info, const doc_row *d)
{
	binder *s = &st->b[d->replaces ? S_DOC_PUT : S_DOC_NEW];

	b_int(s, 1, d->id);
	b_textn(s, 2, info->id, strnlen(info->id, DYAD_MAX_FIELD_BYTES));
	b_text(s, 3, info->url);
	b_text(s, 4, info->source);
	b_text(s, 5, info->title);
	b_text(s, 6, info->date);
	b_int(s, 7, (int)info->date_precision);
	b_text(s, 8, info->lang);
	b_int(s, 9, (sqlite3_int64)info->text_len);
	b_text(s, 10, d->hash);
	b_text(s, 11, st->added);
	b_int(s, 12, (sqlite3_int64)d->sentences);
	b_int(s, 13, (sqlite3_int64)d->actors);
	b_int(s, 14, (sqlite3_int64)d->mentions);
	if (d->dup)
		b_int(s, 15, d->dup);
	else
		b_null(s, 15);
	if (d->sig)
		b_blob(s, 16, d->sig, DYAD__SIG_K * (int)sizeof(uint32_t));
	else
		b_null(s, 16);
	b_int(s, 17, d->evidence_only);
	b_int(s, 18, (sqlite3_int64)d->stored_actors);
	return run(s->s);
}

/* The id a new document gets: read once a batch (which holds the write
** lock, so nobody else adds one meanwhile), then counted on. */
static int next_id(dyad_store *st, int64_t *row)
{
	sqlite3_stmt *s = st->s[S_DOC_NEXT];
	int rc = SQLITE_DONE;

	if (!st->next_row) {
		if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			st->next_row = sqlite3_column_int64(s, 0);
			rc = SQLITE_DONE;
		}
		sqlite3_reset(s);
	}
	*row = st->next_row++;
	return rc;
}

/* Marks in st->keep the sentences whose rows are stored: all of them
** with all_sentences, else those an event mention (of any modality)
** cites. A sentence with no event is evidence of nothing the store
** answers, and storing every one doubled the file and the ingest time. */
static int mark_kept(dyad_store *st, const dyad_doc *doc, size_t nsent, size_t nev)
{
	size_t i;

	st->keep.len = 0;
	if (dyad__buf_reserve(&st->keep, nsent + 1) != 0)
		return SQLITE_NOMEM;
	st->keep.len = nsent;
	memset(st->keep.p, st->o.all_sentences != 0, nsent + 1);
	for (i = 0; i < nev && !st->o.all_sentences; i++) {
		dyad_event e;

		if (dyad_doc_event(doc, i, &e) != DYAD_OK)
			return SQLITE_NOMEM;
		if (e.sent < nsent)
			st->keep.p[e.sent] = 1;
	}
	return SQLITE_OK;
}

/* Writes s at o as a JSON string (RFC 8259): quotes, backslashes and
** control characters escaped, every other byte as it is; o has room for
** 6 bytes a byte of s and 2 more. Returns the end. */
static char *json_str(char *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	*o++ = '"';
	for (; *s; s++) {
		const unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\') {
			*o++ = (char)c;
		} else if (c >= 0x20) {
			*o++ = '\\';
			*o++ = (char)c;
		} else {
			memcpy(o, "\\u00", 4);
			o[4] = hex[c >> 4];
			o[5] = hex[c & 15];
			o += 6;
		}
	}
	*o++ = '"';
	return o;
}

/* Writes v in [0, 1] to 0.001 at o as a JSON number ("0.85", "1", "0");
** returns the end. */
static char *thousandths(char *o, double v)
{
	const int k = v >= 1 ? 1000 : v > 0 ? (int)(v * 1000 + 0.5) : 0;
	size_t n = 5;

	if (k == 0 || k == 1000) {
		*o = k ? '1' : '0';
		return o + 1;
	}
	memcpy(o, "0.", 2);
	o[2] = (char)('0' + k / 100);
	o[3] = (char)('0' + k / 10 % 10);
	o[4] = (char)('0' + k % 10);
	while (o[n - 1] == '0')
		n--;
	return o + n;
}

/* Appends actor mention i, m, to b as the array the actors view reads:
** [i, span_start, span_end, code, label, how, entry, confidence]. One
** reservation for the worst case, then plain writes: the mentions of a
** corpus are written by the hundred thousand. */
static int actor_json(dyad__buf *b, size_t i, const dyad_mention *m)
{
	const char *str[4] = { m->code ? m->code : "", m->label ? m->label : "",
			       dyad_how_name(m->how), m->entry ? m->entry : "" };
	const size_t num[3] = { i, m->start, m->end };
	size_t need = 3 * 22 + 4 * 3 + 8 + 2, k;
	char *o;

	for (k = 0; k < 4; k++)
		need += 6 * strlen(str[k]);
	if (dyad__buf_reserve(b, need))
		return -1;
	o = b->p + b->len;
	*o++ = '[';
	for (k = 0; k < 3; k++) {
		o += dyad__utoa(o, (unsigned long)num[k]);
		*o++ = ',';
	}
	for (k = 0; k < 4; k++) {
		o = json_str(o, str[k]);
		*o++ = ',';
	}
	o = thousandths(o, m->confidence);
	*o++ = ']';
	b->len = (size_t)(o - b->p);
	return 0;
}

/* The actor mentions of sentence i as a JSON array in st->json, taken
** from mention *j on (mentions come in text order), which moves past
** them; *rows counts them. */
static int sentence_actors(dyad_store *st, const dyad_doc *doc, size_t i, size_t *j,
			   size_t *rows)
{
	dyad__buf *b = &st->json;
	uint32_t sent, t0, t1;
	dyad_mention m;
	int err;

	b->len = 0;
	err = dyad__buf_append(b, "[", 1);
	/* A mention of a sentence not kept is skipped by its sentence alone,
	** without making its dyad_mention. */
	for (; dyad__mention_toks(doc->ctx, *j, &sent, &t0, &t1) == 0 && sent <= i; ++*j) {
		if (sent < i || dyad_doc_mention(doc, *j, &m) != DYAD_OK)
			continue;
		if (*j >= ROWS_PER_DOC)
			return SQLITE_TOOBIG;
		if (b->len > 1)
			err |= dyad__buf_append(b, ",", 1);
		err |= actor_json(b, *j, &m);
		++*rows;
	}
	err |= dyad__buf_append(b, "]", 1);
	return err ? SQLITE_NOMEM : SQLITE_OK;
}

/* The rows of the kept sentences, each with its actor mentions; *rows
** counts the rows, *actors all the document's actor mentions and
** *stored those written. */
static int put_sentences(dyad_store *st, const dyad_doc *doc, int64_t row, size_t *rows,
			 size_t *actors, size_t *stored)
{
	binder *s = &st->b[S_SENT_INSERT];
	const size_t n = st->keep.len;
	uint32_t sent, t0, t1;
	dyad_sentence se;
	size_t i, j = 0;
	int rc = SQLITE_DONE;

	*rows = *stored = 0;
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		if (!st->keep.p[i] || dyad_doc_sentence(doc, i, &se) != DYAD_OK)
			continue;
		if ((rc = sentence_actors(st, doc, i, &j, stored)) != SQLITE_OK)
			return rc;
		b_int(s, 1, row);
		b_int(s, 2, (sqlite3_int64)se.index);
		b_int(s, 3, (sqlite3_int64)se.start);
		b_int(s, 4, (sqlite3_int64)se.end);
		b_textn(s, 5, se.text, se.text_len);
		b_textn(s, 6, st->json.p, st->json.len);
		rc = i < ROWS_PER_DOC ? run(s->s) : SQLITE_TOOBIG;
		++*rows;
	}
	while (dyad__mention_toks(doc->ctx, j, &sent, &t0, &t1) == 0)
		j++;
	*actors = j;
	return rc;
}

/* Binds the when and where of an event mention (parameters 22 to 36). */
static void bind_when_where(binder *s, const dyad_event *e)
{
	b_text(s, 22, e->date);
	b_int(s, 23, (int)e->date_precision);
	b_text(s, 24, e->date_how);
	b_span(s, 25, e->date_start, e->date_end);
	b_int(s, 27, e->historical != 0);
	b_text(s, 28, e->place);
	b_text(s, 29, e->country);
	b_text(s, 30, e->admin1);
	if (e->geo_precision != DYAD_GEO_NONE) {
		b_double(s, 31, e->lat);
		b_double(s, 32, e->lon);
	} else {
		b_null(s, 31);
		b_null(s, 32);
	}
	b_int(s, 33, (int)e->geo_precision);
	b_text(s, 34, e->place_how);
	b_span(s, 35, e->place_start, e->place_end);
}

/* Binds what, who and the provenance of an event mention (1 to 21). */
static void bind_what(binder *s, const dyad_event *e, int64_t row)
{
	b_text(s, 1, e->id);
	b_int(s, 2, row);
	b_int(s, 3, (sqlite3_int64)e->sent);
	b_text(s, 4, e->source);
	b_text(s, 5, e->target);
	b_text(s, 6, e->cameo);
	b_text(s, 7, e->root);
	if (e->quad > 0)
		b_int(s, 8, e->quad);
	else
		b_null(s, 8);
	if (e->has_goldstein && isfinite(e->goldstein))
		b_double(s, 9, e->goldstein);
	else
		b_null(s, 9);
	b_text(s, 10, e->plover);
	b_int(s, 11, (int)e->modality);
	b_span(s, 12, e->src_start, e->src_end);
	b_int(s, 14, (sqlite3_int64)e->verb_start);
	b_int(s, 15, (sqlite3_int64)e->verb_end);
	b_span(s, 16, e->tgt_start, e->tgt_end);
	b_text(s, 18, e->source_label);
	b_text(s, 19, e->target_label);
	b_text(s, 20, e->pattern);
	b_double(s, 21, e->confidence);
}

/* The event mentions of document row, whose canonical article is canon;
** the eligible ones are kept for the commit's clustering too. */
static int put_mentions(dyad_store *st, const dyad_doc *doc, size_t n, int64_t row,
			const dyad_doc_info *info, int64_t canon)
{
	binder *s = &st->b[S_MEN_INSERT];
	const char *outlet = NULL;
	char pk[PLACE_KEY_MAX];
	size_t i;
	int rc = SQLITE_DONE;

	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		dyad_event e;
		int64_t g = 0;

		if (dyad_doc_event(doc, i, &e) != DYAD_OK)
			return SQLITE_NOMEM;
		bind_what(s, &e, row);
		bind_when_where(s, &e);
		dyad__cluster_place_key(&e, pk, sizeof pk);
		b_text(s, 38, pk);
		if (dyad__cluster_eligible(&e)) {
			g = dyad__cluster_gkey(&e, row);
			b_int(s, 37, g);
			/* The event it joins unless it is unplaced in a group
			** with one place: the commit then only corrects those. */
			b_int(s, 40, dyad__cluster_id(g, pk));
			if (touch(st, g) != SQLITE_OK)
				return SQLITE_NOMEM;
		} else {
			b_null(s, 37);
			b_null(s, 40);
		}
		b_int(s, 39, (sqlite3_int64)i);
		rc = i < ROWS_PER_DOC ? run(s->s) : SQLITE_TOOBIG;
		if (rc == SQLITE_DONE && g && !outlet)
			rc = canon_outlet(st, info, row, canon, &outlet);
		if (rc == SQLITE_DONE && g)
			rc = keep_mention(st, &e, row << 24 | (int64_t)i, g, pk, outlet, canon);
	}
	return rc;
}

/* The rows of one processed and coded document, in its savepoint; row
** is its id when it replaces a stored one, else 0. */
static int write_rows(dyad_store *st, const dyad_doc *doc, size_t nev, const char *hash,
		      int64_t *row, dyad_ingest_result *res)
{
	dyad_doc_info info;
	uint32_t sig[DYAD__SIG_K];
	doc_row d;
	int rc;

	dyad_doc_get_info(doc, &info);
	memset(&d, 0, sizeof d);
	d.hash = hash;
	d.sentences = info.n_sentences;
	d.evidence_only = !st->o.all_sentences;
	d.replaces = *row != 0;
	if ((rc = *row ? clear_doc(st, *row) : next_id(st, row)) != SQLITE_OK && rc != SQLITE_DONE)
		return rc;
	d.id = *row;
	if ((rc = link_doc(st, doc, sig, &d)) != SQLITE_DONE ||
	    (rc = mark_kept(st, doc, info.n_sentences, nev)) != SQLITE_OK ||
	    (rc = put_sentences(st, doc, d.id, &res->sentences, &d.actors, &res->actors)) !=
		    SQLITE_DONE ||
	    (rc = put_mentions(st, doc, nev, d.id, &info, d.dup ? d.dup : d.id)) != SQLITE_DONE)
		return rc;
	d.mentions = nev;
	d.stored_actors = res->actors;
	if ((rc = put_doc_row(st, &info, &d)) != SQLITE_DONE)
		return rc;
	res->mentions = nev;
	res->duplicate = d.dup != 0;
	if (res->outcome == DYAD_INGEST_REPLACED)
		return relink_children(st, d.id, &st->kids);
	return SQLITE_DONE;
}

/* Deletes what a new document row wrote before it failed. */
static int undo_new(dyad_store *st, int64_t row)
{
	static const stmt_id del[] = { S_SENT_DELETE, S_MEN_DELETE, S_DOC_DELETE };
	size_t i;
	int rc = SQLITE_DONE;

	for (i = 0; i < sizeof del / sizeof del[0] && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st->s[del[i]], 1, row);
		rc = run(st->s[del[i]]);
	}
	return rc;
}

/* After a failed document: puts the batch back as it was before it, or
** ends the batch when that cannot be done (SQLite rolled the whole
** transaction back itself, as it may on I/O errors and out of memory). */
static dyad_status undo_doc(dyad_store *st, int saved, int64_t row, dyad_status ret)
{
	index_drop(&st->bix); /* it may hold part of the document */
	forget_mentions(st, row);
	if (!sqlite3_get_autocommit(st->db)) {
		if (saved && run(st->s[S_UNDO]) == SQLITE_DONE && run(st->s[S_RELEASE]) == SQLITE_DONE)
			return ret;
		if (!saved && (!row || undo_new(st, row) == SQLITE_DONE))
			return ret;
	}
	{
		char why[DYAD__MSG_MAX];

		memcpy(why, st->msg, sizeof why);
		abort_batch(st);
		return dyad__msg(st->msg, ret, "%s (the open batch was rolled back)", why);
	}
}

/*
** Writes a document all or nothing. A replaced document's old rows are
** deleted first, so a savepoint brings them back if the new ones fail. A
** new document needs none: its rows are deleted by their range. A
** savepoint per document made SQLite copy each page the document touched
** aside, which cost more than its own rows.
*/
static dyad_status write_doc(dyad_store *st, const dyad_doc *doc, size_t nev, const char *hash,
			     int64_t row, dyad_ingest_result *res)
{
	const int save = row != 0;
	int rc;

	if (save && (rc = run(st->s[S_SAVE])) != SQLITE_DONE)
		return sql_fail(st, rc, "starting a document");
	rc = write_rows(st, doc, nev, hash, &row, res);
	if ((rc == SQLITE_OK || rc == SQLITE_DONE) &&
	    (!save || (rc = run(st->s[S_RELEASE])) == SQLITE_DONE))
		return DYAD_OK;
	return undo_doc(st, save, row, sql_fail(st, rc, "writing a document"));
}

/* Processes and codes the article on ctx; the message, on failure, is
** copied to the store so one handle explains. */
static dyad_status code_doc(dyad_store *st, dyad_ctx *ctx, const dyad_input *in,
			    const dyad_code_opts *opts, const dyad_doc **doc, size_t *nev)
{
	dyad_code_opts o;
	dyad_status ret;

	if (opts)
		o = *opts;
	else
		dyad_code_opts_init(&o);
	o.keep_modal = 1; /* kept as mentions, left out of the events */
	o.explain = 0;
	if ((ret = dyad_ctx_process(ctx, in, doc)) == DYAD_OK &&
	    (ret = dyad_doc_events(*doc, &o, nev)) == DYAD_OK)
		return DYAD_OK;
	return dyad__msg(st->msg, ret, "%s", *dyad_errmsg(ctx) ? dyad_errmsg(ctx) : dyad_strerror(ret));
}

dyad_status dyad_store_ingest(dyad_store *st, dyad_ctx *ctx, const dyad_input *in,
			      const dyad_code_opts *opts, dyad_ingest_result *res)
{
	dyad_ingest_result dummy;
	const char *id = in->id ? in->id : in->origin ? in->origin : "-";
	const dyad_doc *doc;
	char hash[17];
	int64_t row;
	size_t nev = 0;
	int same, rc;
	dyad_status ret;

	res = res ? res : &dummy;
	memset(res, 0, sizeof *res);
	res->bytes = in->text_len;
	st->msg[0] = '\0';
	content_hash(in, fingerprint, hash);
	if ((ret = begin_batch(st)) != DYAD_OK)
		return ret;
	if ((rc = find_doc(st, in, id, hash, &row, &same)) != SQLITE_DONE)
		return sql_fail(st, rc, "looking up a document");
	res->outcome = !row ? DYAD_INGEST_NEW : same ? DYAD_INGEST_UNCHANGED : DYAD_INGEST_REPLACED;
	/* An unchanged document counts towards the batch too: a long run of
	** them must not hold the write lock from other processes throughout. */
	if (!same && ((ret = code_doc(st, ctx, in, opts, &doc, &nev)) != DYAD_OK ||
		      (ret = write_doc(st, doc, nev, hash, row, res)) != DYAD_OK))
		return ret;
	++st->batch_docs;
	if (!batch_full(st))
		return DYAD_OK;
	res->committed = 1;
	return dyad_store_commit(st);
}

/* ------------------------------------------------------------------ */
/* Counts and checks                                                   */
/* ------------------------------------------------------------------ */

dyad_status dyad_store_counts_get(dyad_store *st, dyad_store_counts *out)
{
	static const char *const sql[] = {
		"SELECT count(*) FROM documents",
		"SELECT count(*) FROM documents WHERE dup_of IS NOT NULL",
		"SELECT count(*) FROM sentences",
		"SELECT coalesce(sum(stored_actors),0) FROM documents",
		"SELECT count(*) FROM mentions",
		"SELECT count(*) FROM events",
	};
	size_t *const field[] = { &out->documents, &out->duplicates, &out->sentences,
				  &out->actors, &out->mentions, &out->events };
	size_t i;

	memset(out, 0, sizeof *out);
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_int64 v;
		const int rc = query_int(st, sql[i], &v);
		if (rc != SQLITE_OK)
			return sql_fail(st, rc, "counting rows");
		*field[i] = (size_t)v;
	}
	return DYAD_OK;
}

/* Each check counts rows that break one rule; all must count 0. */
static const struct {
	const char *what, *sql;
} checks[] = {
	{ "sentences of no document",
	  "SELECT count(*) FROM sentences WHERE doc NOT IN (SELECT id FROM documents)" },
	{ "sentences whose actor mentions are not a JSON array",
	  "SELECT count(*) FROM sentences WHERE json_type(actors) IS NOT 'array'" },
	{ "event mentions of no document",
	  "SELECT count(*) FROM mentions WHERE doc NOT IN (SELECT id FROM documents)" },
	{ "near-duplicate links to no document",
	  "SELECT count(*) FROM documents WHERE dup_of IS NOT NULL AND"
	  " dup_of NOT IN (SELECT id FROM documents WHERE dup_of IS NULL)" },
	{ "rows whose id is not in their document's range",
	  "SELECT (SELECT count(*) FROM sentences WHERE id>>24 != doc) +"
	  " (SELECT count(*) FROM mentions WHERE id>>24 != doc)" },
	{ "documents whose rows are not all there",
	  "SELECT count(*) FROM documents d WHERE"
	  " d.mentions != (SELECT count(*) FROM mentions m WHERE"
	  "  m.id BETWEEN d.id<<24 AND d.id<<24|16777215) OR"
	  " CASE WHEN d.evidence_only THEN"
	  "  (SELECT count(*) FROM sentences s WHERE s.id BETWEEN d.id<<24 AND d.id<<24|16777215)"
	  "  != (SELECT count(DISTINCT m.sent) FROM mentions m WHERE"
	  "   m.id BETWEEN d.id<<24 AND d.id<<24|16777215) OR"
	  "  d.actors < d.stored_actors"
	  " ELSE"
	  "  d.sentences != (SELECT count(*) FROM sentences s WHERE"
	  "   s.id BETWEEN d.id<<24 AND d.id<<24|16777215) OR"
	  "  d.actors != d.stored_actors END OR"
	  " d.stored_actors != (SELECT coalesce(sum(json_array_length(s.actors)),0)"
	  "  FROM sentences s WHERE s.id BETWEEN d.id<<24 AND d.id<<24|16777215)" },
	{ "event mentions whose sentence is not stored",
	  "SELECT count(*) FROM mentions m WHERE NOT EXISTS(SELECT 1 FROM sentences s"
	  "  WHERE s.id=(m.doc<<24|m.sent))" },
	{ "eligible mentions in no event",
	  "SELECT count(*) FROM mentions WHERE gkey IS NOT NULL AND"
	  " (event IS NULL OR event NOT IN (SELECT id FROM events))" },
	{ "mentions in an event though not eligible",
	  "SELECT count(*) FROM mentions WHERE gkey IS NULL AND event IS NOT NULL" },
	{ "events whose counts differ from their mentions",
	  "SELECT count(*) FROM events e WHERE e.mentions != (SELECT count(*) FROM"
	  " mentions m WHERE m.gkey=e.gkey AND m.event=e.id) OR"
	  " e.articles != (SELECT count(DISTINCT"
	  " coalesce(d.dup_of,d.id)) FROM mentions m JOIN documents d ON d.id=m.doc"
	  " WHERE m.gkey=e.gkey AND m.event=e.id)" },
};

dyad_status dyad_store_check(dyad_store *st)
{
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if ((rc = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL)) != SQLITE_OK)
		return sql_fail(st, rc, "checking integrity");
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW || strcmp(col_str(s, 0), "ok") != 0) {
		dyad__msg(st->msg, DYAD_CORRUPT, "%s: integrity check: %s", st->path,
			  rc == SQLITE_ROW ? col_str(s, 0) : sqlite3_errmsg(st->db));
		sqlite3_finalize(s);
		return DYAD_CORRUPT;
	}
	sqlite3_finalize(s);
	for (i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		sqlite3_int64 bad;
		if ((rc = query_int(st, checks[i].sql, &bad)) != SQLITE_OK)
			return sql_fail(st, rc, "checking rows");
		if (bad)
			return dyad__msg(st->msg, DYAD_CORRUPT, "%s: %lld %s", st->path,
					 (long long)bad, checks[i].what);
	}
	return DYAD_OK;
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

#define QUERY_COLS                                                              \
	"SELECT e.id, e.date, e.date_precision, e.source, e.target, e.source_label," \
	" e.target_label, e.cameo, e.root, e.quad, e.goldstein, e.plover, e.place,"  \
	" e.country, e.admin1, e.lat, e.lon, e.geo_precision, e.mentions, e.sources," \
	" e.articles, e.root_event, d.url, d.doc, d.added"                          \
	" FROM events e JOIN documents d ON d.id=e.first_doc WHERE 1"

/* YYYY, YYYY-MM or YYYY-MM-DD. */
static int is_date(const char *s)
{
	static const char form[] = "dddd-dd-dd";
	size_t i, n = strlen(s);

	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (i = 0; i < n; i++)
		if (form[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
			return 0;
	return 1;
}

/* One filter clause: each %d in fmt is the number of its parameter. */
static void add_clause(dyad__buf *sql, const char *fmt, int n)
{
	char c[256];
	const int len = snprintf(c, sizeof c, fmt, n, n, n, n);

	dyad__buf_append(sql, c, (size_t)len);
}

/* A bound of --from (pad "first") or --to (pad "last") as a day, so it
** compares as text with the events' first and last possible days. */
static void day_bound(const char *d, int last, char out[11])
{
	snprintf(out, 11, "%s%s", d,
		 strlen(d) == 4 ? (last ? "-12-31" : "-01-01") :
		 strlen(d) == 7 ? (last ? "-31" : "-01") : "");
}

/* The LIKE pattern for a substring: %, _ and \ escaped. */
static char *like_pattern(const char *t)
{
	char *p = malloc(2 * strlen(t) + 3), *o = p;

	if (!p)
		return NULL;
	*o++ = '%';
	for (; *t; t++) {
		if (*t == '%' || *t == '_' || *t == '\\')
			*o++ = '\\';
		*o++ = *t;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

typedef struct qparams {
	const char *v[16];   /* values in parameter order */
	int n;
	char from[11], to[11];
	char *like;          /* malloc'd, for --text */
} qparams;

static dyad_status check_filter(dyad_store *st, const dyad_event_filter *f)
{
	const char *r = f->root;

	if (r && *r && (strlen(r) != 2 || r[0] < '0' || r[0] > '9' || r[1] < '0' || r[1] > '9'))
		return dyad__msg(st->msg, DYAD_BADARG, "bad CAMEO root '%s': two digits", r);
	if (f->from && *f->from && !is_date(f->from))
		return dyad__msg(st->msg, DYAD_BADARG, "bad date '%s': YYYY, YYYY-MM or YYYY-MM-DD",
				 f->from);
	if (f->to && *f->to && !is_date(f->to))
		return dyad__msg(st->msg, DYAD_BADARG, "bad date '%s': YYYY, YYYY-MM or YYYY-MM-DD",
				 f->to);
	if (f->near && (!(f->lat >= -90 && f->lat <= 90) || !(f->lon >= -180 && f->lon <= 180) ||
			!(f->km >= 0)))
		return dyad__msg(st->msg, DYAD_BADARG,
				 "bad place: latitude -90..90, longitude -180..180, km >= 0");
	return DYAD_OK;
}

/* The SQL of filter f into sql, its values into q. */
static void filter_sql(const dyad_event_filter *f, dyad__buf *sql, qparams *q)
{
	const struct {
		const char *value, *fmt;
	} c[] = {
		{ f->source, " AND substr(e.source,1,length(?%d))=?%d" },
		{ f->target, " AND substr(e.target,1,length(?%d))=?%d" },
		{ f->actor, " AND (substr(e.source,1,length(?%d))=?%d"
			    " OR substr(e.target,1,length(?%d))=?%d)" },
		{ f->cameo, " AND substr(e.cameo,1,length(?%d))=?%d" },
		{ f->root, " AND e.root=?%d" },
		{ f->plover, " AND upper(e.plover)=upper(?%d)" },
		{ f->from && *f->from ? q->from : NULL, " AND e.date_hi>=?%d" },
		{ f->to && *f->to ? q->to : NULL, " AND e.date_lo<=?%d" },
		{ f->country, " AND upper(e.country)=upper(?%d)" },
		{ q->like, " AND EXISTS(SELECT 1 FROM mentions m JOIN sentences s ON"
			   " s.id=(m.doc<<24|m.sent) WHERE m.gkey=e.gkey AND m.event=e.id AND"
			   " s.text LIKE ?%d ESCAPE '\\')" },
	};
	size_t i;

	dyad__buf_append(sql, QUERY_COLS, strlen(QUERY_COLS));
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		if (!c[i].value || !*c[i].value)
			continue;
		q->v[q->n] = c[i].value;
		add_clause(sql, c[i].fmt, ++q->n);
	}
	if (f->near)
		add_clause(sql, " AND e.geo_precision>0", 0);
	add_clause(sql, " ORDER BY e.date_lo, e.date, e.source, e.target, e.cameo, e.id", 0);
	dyad__buf_append(sql, "", 1);
}

dyad_status dyad_store_query_new(dyad_store *st, const dyad_event_filter *f,
				 dyad_store_query **out)
{
	static const dyad_event_filter none;
	dyad_store_query *q;
	dyad__buf sql = { NULL, 0, 0 };
	qparams p;
	dyad_status ret;
	int i, rc;

	*out = NULL;
	f = f ? f : &none;
	memset(&p, 0, sizeof p);
	if ((ret = check_filter(st, f)) != DYAD_OK)
		return ret;
	day_bound(f->from ? f->from : "", 0, p.from);
	day_bound(f->to ? f->to : "", 1, p.to);
	if (f->text && *f->text && !(p.like = like_pattern(f->text)))
		return dyad__msg(st->msg, DYAD_NOMEM, "out of memory");
	filter_sql(f, &sql, &p);
	q = calloc(1, sizeof *q);
	if (!q || !sql.p) {
		ret = dyad__msg(st->msg, DYAD_NOMEM, "out of memory");
		goto out;
	}
	q->st = st;
	q->near = f->near;
	q->lat = f->lat;
	q->lon = f->lon;
	q->km = f->km;
	if ((rc = sqlite3_prepare_v2(st->db, sql.p, -1, &q->stmt, NULL)) != SQLITE_OK) {
		ret = sql_fail(st, rc, "querying events");
		goto out;
	}
	for (i = 0; i < p.n; i++)
		sqlite3_bind_text(q->stmt, i + 1, p.v[i], -1, SQLITE_TRANSIENT);
	*out = q;
	q = NULL;
	ret = DYAD_OK;
out:
	dyad_store_query_free(q);
	dyad__buf_free(&sql);
	free(p.like);
	return ret;
}

/* Great-circle distance in km (haversine, mean Earth radius). */
static double distance_km(double lat1, double lon1, double lat2, double lon2)
{
	const double rad = 3.14159265358979323846 / 180.0;
	const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	const double a = sin(dlat / 2) * sin(dlat / 2) +
			 cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);

	return 2 * 6371.0088 * asin(sqrt(a < 1 ? a : 1));
}

/* Fills *e from the current row. */
static void read_event(sqlite3_stmt *s, dyad_store_event *e)
{
	memset(e, 0, sizeof *e);
	dyad__hex16((uint64_t)sqlite3_column_int64(s, 0), e->id);
	e->date = col_str(s, 1);
	e->date_precision = (dyad_precision)sqlite3_column_int(s, 2);
	e->source = col_str(s, 3);
	e->target = col_str(s, 4);
	e->source_label = col_str(s, 5);
	e->target_label = col_str(s, 6);
	e->cameo = col_str(s, 7);
	snprintf(e->root, sizeof e->root, "%s", col_str(s, 8));
	e->quad = sqlite3_column_int(s, 9);
	e->has_goldstein = sqlite3_column_type(s, 10) != SQLITE_NULL;
	e->goldstein = sqlite3_column_double(s, 10);
	e->plover = col_str(s, 11);
	e->place = col_str(s, 12);
	e->country = col_str(s, 13);
	e->admin1 = col_str(s, 14);
	e->lat = sqlite3_column_double(s, 15);
	e->lon = sqlite3_column_double(s, 16);
	e->geo_precision = (dyad_geo_precision)sqlite3_column_int(s, 17);
	e->mentions = (size_t)sqlite3_column_int64(s, 18);
	e->sources = (size_t)sqlite3_column_int64(s, 19);
	e->articles = (size_t)sqlite3_column_int64(s, 20);
	e->root_event = sqlite3_column_int(s, 21);
	e->url = col_str(s, 22);
	e->doc = col_str(s, 23);
	e->added = col_str(s, 24);
}

dyad_status dyad_store_query_next(dyad_store_query *q, dyad_store_event *out)
{
	int rc;

	while ((rc = sqlite3_step(q->stmt)) == SQLITE_ROW) {
		read_event(q->stmt, out);
		if (!q->near || distance_km(q->lat, q->lon, out->lat, out->lon) <= q->km)
			return DYAD_OK;
	}
	return rc == SQLITE_DONE ? DYAD_DONE : sql_fail(q->st, rc, "reading events");
}

void dyad_store_query_free(dyad_store_query *q)
{
	if (!q)
		return;
	sqlite3_finalize(q->stmt);
	free(q);
}
