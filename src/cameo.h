/*
** cameo.h — the CAMEO event code table, as the event coder sees it.
**
** cameo.c loads DATA_DIR/cameo.txt (docs/cameo.md) into the engine at
** load time; afterwards the table is read-only and shared by every
** thread. The coder asks it, once per event, for the QuadClass, Goldstein
** value and PLOVER category of the code a pattern gave; a code the table
** does not hold (a finer code a dictionary invented) takes the facts of
** its nearest parent, so an event is never left without its root's.
*/
#ifndef DYAD_CAMEO_H
#define DYAD_CAMEO_H

#include "dyad_int.h"

/* One code of the table. Owned by the engine, valid until it is freed. */
typedef struct dyad__cameo_row {
	char code[8];          /* "0231": 2 to 4 digits, leading zeros kept */
	const char *label;     /* short description, never NULL */
	const char *plover;    /* PLOVER category ("CONSULT"), "" when none */
	int quad;              /* QuadClass 1..4 (GDELT convention) */
	double goldstein;      /* -10..10 */
} dyad__cameo_row;

/*
** The row of code, else of its longest known prefix (a 4-digit code
** falls back to its 3-digit parent, then the root); NULL when not even
** the root is known (non-CAMEO codes such as "sdf"). *exact (may be NULL)
** says whether the code itself was found. t may be NULL (no table: NULL).
** Constant time and no allocation, so the coder may call it per event.
*/
const dyad__cameo_row *dyad__cameo_find(const struct dyad__cameo *t,
					const char *code, int *exact);

/* Number of rows in t (0 for NULL). */
size_t dyad__cameo_count(const struct dyad__cameo *t);

#endif /* DYAD_CAMEO_H */
