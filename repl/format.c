/* repl/format.c — the hunt command's output formats.
 *
 *   table   aligned columns for people: a header, a rule, the rows, "(N rows)".
 *           Long values are cut at TABLE_MAXW characters with an ellipsis;
 *           numbers are right-aligned; control characters show as spaces.
 *   tsv     the canonical text of the conformance tests: a header line of
 *           column names, then one line per row, values from hunt_result_text
 *           joined by TAB, written byte for byte.
 *   csv     RFC 4180: fields quoted when they hold a comma, quote, CR or LF;
 *           CRLF line ends.
 *   json    hunt_result_json's document on one line.
 *   ndjson  one JSON object per row with typed values (numbers, booleans,
 *           dynamic values as JSON, everything else as strings, null as null),
 *           built with jansson.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define TABLE_MAXW 60      /* widest column of the table format, in characters */
#define TABLE_MEASURE 1000 /* rows read to size the columns */

static const char *const format_names[] = {"table", "tsv", "csv", "json", "ndjson"};

int repl_format_parse(const char *name)
{
    for (int i = 0; i < (int)(sizeof format_names / sizeof *format_names); i++)
        if (strcmp(name, format_names[i]) == 0)
            return i;
    return -1;
}

const char *repl_format_name(int format)
{
    return format >= 0 && format <= REPL_FMT_NDJSON ? format_names[format] : "?";
}

/* --- table ---------------------------------------------------------------- */

/* Characters (UTF-8 code points) in s[0..len). */
static size_t utf8_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* Byte length of the first max characters of s[0..len). */
static size_t utf8_prefix(const char *s, size_t len, size_t max)
{
    size_t w = 0, i = 0;
    for (; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && w++ == max)
            break;
    }
    return i;
}

static int is_numeric_type(int type)
{
    return type == HUNT_TINT || type == HUNT_TLONG || type == HUNT_TREAL;
}

/* Writes s[0..len) cut to width characters, control characters as spaces,
 * padded to width (on the left when right is set; not at all at the end of
 * a line, when last is set). */
static void table_cell(FILE *out, const char *s, size_t len, size_t width, int right, int last)
{
    size_t w = utf8_width(s, len);
    size_t n = len;
    int cut = w > width;
    if (cut) {
        n = utf8_prefix(s, len, width - 1);
        w = width;
    }
    if (right)
        fprintf(out, "%*s", (int)(width - w), "");
    for (size_t i = 0; i < n; i++)
        fputc((unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i], out);
    if (cut)
        fputs("\xE2\x80\xA6", out); /* U+2026 HORIZONTAL ELLIPSIS */
    if (!right && !last)
        fprintf(out, "%*s", (int)(width - w), "");
}

static void table_sizes(hunt_result *r, int ncol, size_t *width)
{
    int64_t rows = hunt_result_rows(r);
    for (int c = 0; c < ncol; c++) {
        const char *name = hunt_result_column_name(r, c);
        width[c] = utf8_width(name, strlen(name));
        for (int64_t i = 0; i < rows && i < TABLE_MEASURE; i++) {
            size_t len;
            const char *s = hunt_result_text(r, i, c, &len);
            size_t w = utf8_width(s, len);
            if (w > width[c])
                width[c] = w;
        }
        if (width[c] > TABLE_MAXW)
            width[c] = TABLE_MAXW;
        if (width[c] == 0)
            width[c] = 1;
    }
}

static void print_table(FILE *out, hunt_result *r)
{
    int ncol = hunt_result_columns(r);
    int64_t rows = hunt_result_rows(r);
    size_t *width = calloc((size_t)ncol + 1, sizeof *width);
    if (!width)
        return;
    table_sizes(r, ncol, width);
    for (int c = 0; c < ncol; c++) {
        const char *name = hunt_result_column_name(r, c);
        fputs(c ? "  " : "", out);
        table_cell(out, name, strlen(name), width[c],
                   is_numeric_type(hunt_result_column_type(r, c)), c == ncol - 1);
    }
    fputc('\n', out);
    for (int c = 0; c < ncol; c++) {
        fputs(c ? "  " : "", out);
        for (size_t i = 0; i < width[c]; i++)
            fputc('-', out);
    }
    fputc('\n', out);
    for (int64_t i = 0; i < rows; i++) {
        for (int c = 0; c < ncol; c++) {
            size_t len;
            const char *s = hunt_result_text(r, i, c, &len);
            fputs(c ? "  " : "", out);
            table_cell(out, s, len, width[c], is_numeric_type(hunt_result_column_type(r, c)),
                       c == ncol - 1);
        }
        fputc('\n', out);
    }
    fprintf(out, "(%lld row%s)\n", (long long)rows, rows == 1 ? "" : "s");
    free(width);
}

/* --- tsv and csv ------------------------------------------------------------ */

static void csv_field(FILE *out, const char *s, size_t len)
{
    if (strcspn(s, ",\"\r\n") >= len) {
        fwrite(s, 1, len, out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            fputc('"', out);
        fputc(s[i], out);
    }
    fputc('"', out);
}

/* tsv when csv is 0, csv otherwise. */
static void print_delimited(FILE *out, hunt_result *r, int csv)
{
    int ncol = hunt_result_columns(r);
    int64_t rows = hunt_result_rows(r);
    const char *sep = csv ? "," : "\t", *eol = csv ? "\r\n" : "\n";
    for (int c = 0; c < ncol; c++) {
        const char *name = hunt_result_column_name(r, c);
        fputs(c ? sep : "", out);
        if (csv)
            csv_field(out, name, strlen(name));
        else
            fputs(name, out);
    }
    fputs(eol, out);
    for (int64_t i = 0; i < rows; i++) {
        for (int c = 0; c < ncol; c++) {
            size_t len;
            const char *s = hunt_result_text(r, i, c, &len);
            fputs(c ? sep : "", out);
            if (csv)
                csv_field(out, s, len);
            else
                fwrite(s, 1, len, out);
        }
        fputs(eol, out);
    }
}

/* --- json and ndjson -------------------------------------------------------- */

static json_t *ndjson_real(double v)
{
    if (isnan(v))
        return json_string("NaN");
    if (isinf(v))
        return json_string(v > 0 ? "Infinity" : "-Infinity");
    return json_real(v);
}

/* The typed JSON value of one cell (a new reference). */
static json_t *ndjson_value(hunt_result *r, int64_t row, int col)
{
    if (hunt_result_is_null(r, row, col))
        return json_null();
    switch (hunt_result_column_type(r, col)) {
    case HUNT_TBOOL:
        return json_boolean(hunt_result_bool(r, row, col));
    case HUNT_TINT:
    case HUNT_TLONG:
        return json_integer((json_int_t)hunt_result_long(r, row, col));
    case HUNT_TREAL:
        return ndjson_real(hunt_result_real(r, row, col));
    default:
        break;
    }
    size_t len;
    const char *s = hunt_result_text(r, row, col, &len);
    if (hunt_result_column_type(r, col) == HUNT_TDYNAMIC) {
        json_t *v = json_loadb(s, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
        if (v)
            return v;
    }
    return json_stringn(s, len);
}

static int print_ndjson(FILE *out, hunt_result *r)
{
    int ncol = hunt_result_columns(r);
    int64_t rows = hunt_result_rows(r);
    for (int64_t i = 0; i < rows; i++) {
        json_t *obj = json_object();
        if (!obj)
            return -1;
        for (int c = 0; c < ncol; c++) {
            json_t *v = ndjson_value(r, i, c);
            if (v)
                json_object_set_new(obj, hunt_result_column_name(r, c), v);
        }
        json_dumpf(obj, out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
        fputc('\n', out);
        json_decref(obj);
    }
    return 0;
}

static int print_json(FILE *out, const hunt_result *r)
{
    char *doc = hunt_result_json(r);
    if (!doc)
        return -1;
    fputs(doc, out);
    fputc('\n', out);
    hunt_free(doc);
    return 0;
}

int repl_print_result(FILE *out, hunt_result *r, int format)
{
    int rc = 0;
    switch (format) {
    case REPL_FMT_TABLE:
        print_table(out, r);
        break;
    case REPL_FMT_CSV:
        print_delimited(out, r, 1);
        break;
    case REPL_FMT_JSON:
        rc = print_json(out, r);
        break;
    case REPL_FMT_NDJSON:
        rc = print_ndjson(out, r);
        break;
    default:
        print_delimited(out, r, 0);
        break;
    }
    if (fflush(out) != 0 || ferror(out))
        rc = -1;
    return rc;
}
