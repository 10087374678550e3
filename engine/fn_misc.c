/* engine/fn_misc.c — KQL scalar functions that fit no other family: unit
 * conversion (convert_angle, _energy, _force, _length, _mass, _speed,
 * _temperature, _volume), Punycode (punycode_from_string, punycode_to_string,
 * punycode_domain_from_string, punycode_domain_to_string), parse_version,
 * ipv4_range_to_cidr_list, has_any_index and around.
 *
 * Unit conversion follows the unit definitions of the UnitsNet library, which
 * Kusto uses: a value goes to the quantity's base unit and from there to the
 * target unit. Most units are linear (base = x * mul / div); temperatures add
 * offsets and the angle unit Tilt is sin(angle). Unit names are the ones the
 * KQL documentation lists, matched without regard to case; an unknown unit
 * (or a null value) gives null.
 *
 * Punycode is RFC 3492 over the input's UTF-8 code points. The domain forms
 * work label by label: encoding splits at '.', U+3002, U+FF0E and U+FF61
 * (the IDNA label separators), leaves all-ASCII labels as they are and writes
 * the others as "xn--" + Punycode, joined with '.'; decoding decodes each
 * label that starts with "xn--". No IDNA mapping (case folding, NFKC) is done,
 * as the documented examples show. Any failure gives "" (strings are never
 * null in KQL).
 *
 * parse_version gives parts[0]*1e24 + parts[1]*1e16 + parts[2]*1e8 + parts[3]
 * for one to four dot-separated parts of up to eight digits. Kusto returns a
 * decimal; hunt maps decimal to real, so versions that differ only beyond the
 * sixteenth significant digit compare equal.
 */
#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"
#include "fn.h"
#include "../tables/dyn.h"

/* --- shared helpers ---------------------------------------------------------- */

/* Reads string argument v at row i (a null string reads as ""). */
static hstr arg_str(const hvec *v, uint32_t i)
{
    return vec_is_null(v, i) ? (hstr){"", 0} : vec_s(v, i);
}

static void out_null(fn_ctx *ctx, hvec *out, uint32_t i)
{
    if (out->type == HT_STRING) {
        out->s[i] = (hstr){"", 0};
        return;
    }
    if (out->type == HT_BOOL)
        out->b[i] = 0;
    else if (out->type == HT_REAL)
        out->r[i] = 0;
    else if (out->type == HT_DYNAMIC)
        out->s[i] = (hstr){"", 0};
    else
        out->i[i] = 0;
    vec_set_null(ctx->arena, out, i);
}

/* Stores the bytes of b as row i of out (string or dynamic). */
static void out_buf(fn_ctx *ctx, hvec *out, uint32_t i, const dbuf *b)
{
    vec_set_str(ctx->arena, out, i, b->n ? (const char *)b->p : "", b->n);
}

/* --- unit conversion ------------------------------------------------------------ */

enum { U_LINEAR, U_TILT };

/* One unit: base = ((x + pre) * mul / div) + post, and back
 * x = (base - post) * div / mul - pre. */
typedef struct unit {
    const char *name;
    double mul, div, pre, post;
    int kind;
} unit;

#define U(n, m)                                                                                    \
    {                                                                                              \
        n, m, 1, 0, 0, U_LINEAR                                                                    \
    }
#define UD(n, m, d)                                                                                \
    {                                                                                              \
        n, m, d, 0, 0, U_LINEAR                                                                    \
    }
#define UT(n, pre, m, d, post)                                                                     \
    {                                                                                              \
        n, m, d, pre, post, U_LINEAR                                                               \
    }

#define PI_ 3.14159265358979323846

static const unit angle_units[] = {
    /* base: Degree */
    UD("Arcminute", 1, 60),
    UD("Arcsecond", 1, 3600),
    UD("Centiradian", 180e-2, PI_),
    UD("Deciradian", 180e-1, PI_),
    U("Degree", 1),
    U("Gradian", 0.9),
    U("Microdegree", 1e-6),
    UD("Microradian", 180e-6, PI_),
    U("Millidegree", 1e-3),
    UD("Milliradian", 180e-3, PI_),
    U("Nanodegree", 1e-9),
    UD("Nanoradian", 180e-9, PI_),
    UD("NatoMil", 9, 160),
    UD("Radian", 180, PI_),
    U("Revolution", 360),
    {"Tilt", 1, 1, 0, 0, U_TILT},
    {NULL, 0, 0, 0, 0, 0},
};

#define BTU 1055.05585262
#define EV 1.602176565e-19
static const unit energy_units[] = {
    /* base: Joule */
    U("BritishThermalUnit", BTU),
    U("Calorie", 4.184),
    U("DecathermEc", 1.05505585262e9),
    U("DecathermImperial", 1.05505585257348e9),
    U("DecathermUs", 1.054804e9),
    U("ElectronVolt", EV),
    U("Erg", 1e-7),
    U("FootPound", 1.355817948),
    U("GigabritishThermalUnit", BTU * 1e9),
    U("GigaelectronVolt", EV * 1e9),
    U("Gigajoule", 1e9),
    U("GigawattDay", 86400e9),
    U("GigawattHour", 3600e9),
    U("HorsepowerHour", 2.6845195377e6),
    U("Joule", 1),
    U("KilobritishThermalUnit", BTU * 1e3),
    U("Kilocalorie", 4.184e3),
    U("KiloelectronVolt", EV * 1e3),
    U("Kilojoule", 1e3),
    U("KilowattDay", 86400e3),
    U("KilowattHour", 3600e3),
    U("MegabritishThermalUnit", BTU * 1e6),
    U("Megacalorie", 4.184e6),
    U("MegaelectronVolt", EV * 1e6),
    U("Megajoule", 1e6),
    U("MegawattDay", 86400e6),
    U("MegawattHour", 3600e6),
    U("Millijoule", 1e-3),
    U("TeraelectronVolt", EV * 1e12),
    U("TerawattDay", 86400e12),
    U("TerawattHour", 3600e12),
    U("ThermEc", 1.05505585262e8),
    U("ThermImperial", 1.05505585257348e8),
    U("ThermUs", 1.054804e8),
    U("WattDay", 86400),
    U("WattHour", 3600),
    {NULL, 0, 0, 0, 0, 0},
};

#define KGF 9.80665002864
#define LBF 4.4482216152605095551842641431421
static const unit force_units[] = {
    /* base: Newton */
    U("Decanewton", 1e1),
    U("Dyn", 1e-5),
    U("KilogramForce", KGF),
    U("Kilonewton", 1e3),
    U("KiloPond", KGF),
    U("KilopoundForce", LBF * 1e3),
    U("Meganewton", 1e6),
    U("Micronewton", 1e-6),
    U("Millinewton", 1e-3),
    U("Newton", 1),
    U("OunceForce", 2.780138509537812e-1),
    U("Poundal", 0.13825502798973041652092282466083),
    U("PoundForce", LBF),
    U("ShortTonForce", 8.896443230521e3),
    U("TonneForce", KGF * 1e3),
    {NULL, 0, 0, 0, 0, 0},
};

#define LY 9.46073047258e15
#define PC 3.08567758128e16
static const unit length_units[] = {
    /* base: Meter */
    U("Angstrom", 1e-10),
    U("AstronomicalUnit", 1.4959787070e11),
    U("Centimeter", 1e-2),
    U("Chain", 20.1168),
    U("DataMile", 1828.8),
    U("Decameter", 1e1),
    U("Decimeter", 1e-1),
    UD("DtpPica", 1, 236.220472441),
    UD("DtpPoint", 2.54e-2, 72),
    U("Fathom", 1.8288),
    U("Foot", 0.3048),
    U("Hand", 1.016e-1),
    U("Hectometer", 1e2),
    U("Inch", 2.54e-2),
    U("KilolightYear", LY * 1e3),
    U("Kilometer", 1e3),
    U("Kiloparsec", PC * 1e3),
    U("LightYear", LY),
    U("MegalightYear", LY * 1e6),
    U("Megaparsec", PC * 1e6),
    U("Meter", 1),
    U("Microinch", 2.54e-8),
    U("Micrometer", 1e-6),
    U("Mil", 2.54e-5),
    U("Mile", 1609.344),
    U("Millimeter", 1e-3),
    U("Nanometer", 1e-9),
    U("NauticalMile", 1852),
    U("Parsec", PC),
    UD("PrinterPica", 1, 237.106301584),
    UD("PrinterPoint", 2.54e-2, 72.27),
    U("Shackle", 27.432),
    U("SolarRadius", 6.95510000e8),
    UD("Twip", 1, 56692.913385826),
    UD("UsSurveyFoot", 1200, 3937),
    U("Yard", 0.9144),
    {NULL, 0, 0, 0, 0, 0},
};

#define LB 0.45359237
static const unit mass_units[] = {
    /* base: Kilogram */
    U("Centigram", 1e-5),
    U("Decagram", 1e-2),
    U("Decigram", 1e-4),
    U("EarthMass", 5.9722e24),
    UD("Grain", 1, 15432.358352941431),
    U("Gram", 1e-3),
    U("Hectogram", 1e-1),
    U("Kilogram", 1),
    U("Kilopound", LB * 1e3),
    U("Kilotonne", 1e6),
    UD("LongHundredweight", 1, 0.01968413055222121),
    U("LongTon", 1.0160469088e3),
    U("Megapound", LB * 1e6),
    U("Megatonne", 1e9),
    U("Microgram", 1e-9),
    U("Milligram", 1e-6),
    U("Nanogram", 1e-12),
    U("Ounce", 0.028349523125),
    U("Pound", LB),
    UD("ShortHundredweight", 1, 0.022046226218487758),
    U("ShortTon", 9.0718474e2),
    UD("Slug", 1, 6.852176556196105e-2),
    U("SolarMass", 1.98947e30),
    UD("Stone", 1, 0.1574731728702698),
    U("Tonne", 1e3),
    {NULL, 0, 0, 0, 0, 0},
};

#define USFT (1200.0 / 3937.0)
static const unit speed_units[] = {
    /* base: MeterPerSecond */
    UD("CentimeterPerHour", 1e-2, 3600),
    UD("CentimeterPerMinute", 1e-2, 60),
    U("CentimeterPerSecond", 1e-2),
    UD("DecimeterPerMinute", 1e-1, 60),
    U("DecimeterPerSecond", 1e-1),
    UD("FootPerHour", 0.3048, 3600),
    UD("FootPerMinute", 0.3048, 60),
    U("FootPerSecond", 0.3048),
    UD("InchPerHour", 2.54e-2, 3600),
    UD("InchPerMinute", 2.54e-2, 60),
    U("InchPerSecond", 2.54e-2),
    UD("KilometerPerHour", 1e3, 3600),
    UD("KilometerPerMinute", 1e3, 60),
    U("KilometerPerSecond", 1e3),
    U("Knot", 0.514444),
    UD("MeterPerHour", 1, 3600),
    UD("MeterPerMinute", 1, 60),
    U("MeterPerSecond", 1),
    UD("MicrometerPerMinute", 1e-6, 60),
    U("MicrometerPerSecond", 1e-6),
    U("MilePerHour", 0.44704),
    UD("MillimeterPerHour", 1e-3, 3600),
    UD("MillimeterPerMinute", 1e-3, 60),
    U("MillimeterPerSecond", 1e-3),
    UD("NanometerPerMinute", 1e-9, 60),
    U("NanometerPerSecond", 1e-9),
    UD("UsSurveyFootPerHour", USFT, 3600),
    UD("UsSurveyFootPerMinute", USFT, 60),
    U("UsSurveyFootPerSecond", USFT),
    UD("YardPerHour", 0.9144, 3600),
    UD("YardPerMinute", 0.9144, 60),
    U("YardPerSecond", 0.9144),
    {NULL, 0, 0, 0, 0, 0},
};

static const unit temperature_units[] = {
    /* base: Kelvin */
    UT("DegreeCelsius", 0, 1, 1, 273.15),
    UT("DegreeDelisle", 0, -2, 3, 373.15),
    UT("DegreeFahrenheit", 459.67, 5, 9, 0),
    UT("DegreeNewton", 0, 100, 33, 273.15),
    UT("DegreeRankine", 0, 5, 9, 0),
    UT("DegreeReaumur", 0, 5, 4, 273.15),
    UT("DegreeRoemer", -7.5, 40, 21, 273.15),
    UT("Kelvin", 0, 1, 1, 0),
    UT("MillidegreeCelsius", 0, 1, 1000, 273.15),
    UT("SolarTemperature", 0, 5778, 1, 0),
    {NULL, 0, 0, 0, 0, 0},
};

#define USGAL 0.00378541
#define IMPGAL 0.00454609000000181429905810072407
#define CUFT 0.0283168
static const unit volume_units[] = {
    /* base: CubicMeter */
    UD("AcreFoot", 1, 0.000810714),
    U("AuTablespoon", 2e-5),
    U("BoardFoot", 2.3597372158e-3),
    U("Centiliter", 1e-5),
    U("CubicCentimeter", 1e-6),
    U("CubicDecimeter", 1e-3),
    U("CubicFoot", CUFT),
    U("CubicHectometer", 1e6),
    U("CubicInch", 1.6387e-5),
    U("CubicKilometer", 1e9),
    U("CubicMeter", 1),
    U("CubicMicrometer", 1e-18),
    U("CubicMile", 4.16818182544058e9),
    U("CubicMillimeter", 1e-9),
    U("CubicYard", 0.764554858),
    U("Decaliter", 1e-2),
    U("DecausGallon", USGAL * 1e1),
    U("Deciliter", 1e-4),
    U("DeciusGallon", USGAL * 1e-1),
    U("HectocubicFoot", CUFT * 1e2),
    U("HectocubicMeter", 1e2),
    U("Hectoliter", 1e-1),
    U("HectousGallon", USGAL * 1e2),
    U("ImperialBeerBarrel", 0.16365924),
    U("ImperialGallon", IMPGAL),
    U("ImperialOunce", 2.8413062499962901241875439064617e-5),
    U("ImperialPint", 5.6826125e-4),
    U("KilocubicFoot", CUFT * 1e3),
    U("KilocubicMeter", 1e3),
    U("KiloimperialGallon", IMPGAL * 1e3),
    U("Kiloliter", 1),
    U("KilousGallon", USGAL * 1e3),
    U("Liter", 1e-3),
    U("MegacubicFoot", CUFT * 1e6),
    U("MegaimperialGallon", IMPGAL * 1e6),
    U("Megaliter", 1e3),
    U("MegausGallon", USGAL * 1e6),
    U("MetricCup", 0.00025),
    U("MetricTeaspoon", 0.5e-5),
    U("Microliter", 1e-9),
    U("Milliliter", 1e-6),
    U("OilBarrel", 0.158987294928),
    U("UkTablespoon", 1.5e-5),
    U("UsBeerBarrel", 0.1173477658),
    U("UsCustomaryCup", 0.0002365882365),
    U("UsGallon", USGAL),
    U("UsLegalCup", 0.00024),
    U("UsOunce", 2.957352956253760505068307980135e-5),
    U("UsPint", 4.73176473e-4),
    U("UsQuart", 9.46352946e-4),
    U("UsTablespoon", 1.478676478125e-5),
    U("UsTeaspoon", 4.92892159375e-6),
    {NULL, 0, 0, 0, 0, 0},
};

/* The unit named s (case-insensitive), or NULL. */
static const unit *unit_find(const unit *tab, hstr s)
{
    for (const unit *u = tab; u->name; u++)
        if (strlen(u->name) == s.n && strncasecmp(u->name, s.p, s.n) == 0)
            return u;
    return NULL;
}

static double unit_to_base(const unit *u, double x)
{
    if (u->kind == U_TILT)
        return asin(x) * 180 / PI_;
    return (x + u->pre) * u->mul / u->div + u->post;
}

static double unit_from_base(const unit *u, double y)
{
    if (u->kind == U_TILT)
        return sin(y / 180 * PI_);
    return (y - u->post) * u->div / u->mul - u->pre;
}

static htype tc_convert(fn_sig *sig, const char *name)
{
    if (!fn_want(sig, name, 0, 'r') || !fn_want(sig, name, 1, 's') || !fn_want(sig, name, 2, 's'))
        return HT_UNKNOWN;
    return HT_REAL;
}

static int run_convert(fn_ctx *ctx, const hvec *const *argv, hvec *out, const unit *tab)
{
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    const hvec *vx = argv[0], *vf = argv[1], *vt = argv[2];
    /* constant unit names are looked up once */
    const unit *cf = vf->cmask == 0 ? unit_find(tab, arg_str(vf, 0)) : NULL;
    const unit *ct = vt->cmask == 0 ? unit_find(tab, arg_str(vt, 0)) : NULL;
    for (uint32_t i = 0; i < out->n; i++) {
        const unit *f = vf->cmask == 0 ? cf : unit_find(tab, arg_str(vf, i));
        const unit *t = vt->cmask == 0 ? ct : unit_find(tab, arg_str(vt, i));
        if (!f || !t || vec_is_null(vx, i)) {
            out_null(ctx, out, i);
            continue;
        }
        double x = vec_r(vx, i);
        out->r[i] = f == t ? x : unit_from_base(t, unit_to_base(f, x));
    }
    return 0;
}

#define CONVERT(fam, tab)                                                                          \
    static htype tc_convert_##fam(fn_sig *sig)                                                     \
    {                                                                                              \
        return tc_convert(sig, "convert_" #fam);                                                   \
    }                                                                                              \
    static int run_convert_##fam(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)        \
    {                                                                                              \
        (void)argc;                                                                                \
        return run_convert(ctx, argv, out, tab);                                                   \
    }

CONVERT(angle, angle_units)
CONVERT(energy, energy_units)
CONVERT(force, force_units)
CONVERT(length, length_units)
CONVERT(mass, mass_units)
CONVERT(speed, speed_units)
CONVERT(temperature, temperature_units)
CONVERT(volume, volume_units)

/* --- Punycode (RFC 3492) ------------------------------------------------------------ */

enum {
    PC_BASE = 36,
    PC_TMIN = 1,
    PC_TMAX = 26,
    PC_SKEW = 38,
    PC_DAMP = 700,
    PC_INITIAL_BIAS = 72,
    PC_INITIAL_N = 128,
};

#define PC_MAXCP 0x10FFFFu

/* Decodes one UTF-8 code point at s[*i..n); false on invalid UTF-8. */
static bool utf8_next(const char *s, size_t n, size_t *i, uint32_t *cp)
{
    const uint8_t *p = (const uint8_t *)s + *i;
    size_t left = n - *i;
    uint32_t c = p[0];
    size_t len;
    uint32_t min;
    if (c < 0x80) {
        *cp = c;
        *i += 1;
        return true;
    }
    if ((c & 0xE0) == 0xC0)
        len = 2, c &= 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        len = 3, c &= 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        len = 4, c &= 0x07, min = 0x10000;
    else
        return false;
    if (left < len)
        return false;
    for (size_t k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return false;
        c = (c << 6) | (p[k] & 0x3F);
    }
    if (c < min || c > PC_MAXCP || (c >= 0xD800 && c <= 0xDFFF))
        return false;
    *cp = c;
    *i += len;
    return true;
}

static void utf8_put(dbuf *b, uint32_t c)
{
    uint8_t t[4];
    size_t n;
    if (c < 0x80)
        t[0] = (uint8_t)c, n = 1;
    else if (c < 0x800)
        t[0] = (uint8_t)(0xC0 | (c >> 6)), t[1] = (uint8_t)(0x80 | (c & 0x3F)), n = 2;
    else if (c < 0x10000)
        t[0] = (uint8_t)(0xE0 | (c >> 12)), t[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F)),
        t[2] = (uint8_t)(0x80 | (c & 0x3F)), n = 3;
    else
        t[0] = (uint8_t)(0xF0 | (c >> 18)), t[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F)),
        t[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F)), t[3] = (uint8_t)(0x80 | (c & 0x3F)), n = 4;
    dbuf_put(b, t, n);
}

static uint32_t pc_adapt(uint32_t delta, uint32_t numpoints, bool first)
{
    delta = first ? delta / PC_DAMP : delta / 2;
    delta += delta / numpoints;
    uint32_t k = 0;
    while (delta > ((PC_BASE - PC_TMIN) * PC_TMAX) / 2) {
        delta /= PC_BASE - PC_TMIN;
        k += PC_BASE;
    }
    return k + (PC_BASE - PC_TMIN + 1) * delta / (delta + PC_SKEW);
}

static char pc_digit(uint32_t d)
{
    return (char)(d < 26 ? 'a' + d : '0' + (d - 26));
}

static int pc_value(char c)
{
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= '0' && c <= '9')
        return c - '0' + 26;
    return -1;
}

/* Decodes the UTF-8 text s into code points (malloc'd into *cps). */
static bool utf8_to_cps(hstr s, uint32_t **cps, size_t *ncp)
{
    uint32_t *a = malloc((s.n + 1) * sizeof *a);
    size_t n = 0;
    if (!a)
        return false;
    for (size_t i = 0; i < s.n;) {
        if (!utf8_next(s.p, s.n, &i, &a[n++])) {
            free(a);
            return false;
        }
    }
    *cps = a;
    *ncp = n;
    return true;
}

/* Appends the Punycode of cp[0..n) to b (no "xn--"); false on overflow. */
static bool pc_encode(const uint32_t *cp, size_t n, dbuf *b)
{
    if (n > 0x7FFFFFFF)
        return false;
    size_t basic = 0;
    for (size_t j = 0; j < n; j++)
        if (cp[j] < 0x80) {
            char c = (char)cp[j];
            dbuf_put(b, &c, 1);
            basic++;
        }
    if (basic > 0)
        dbuf_put(b, "-", 1);
    uint32_t nn = PC_INITIAL_N, delta = 0, bias = PC_INITIAL_BIAS;
    size_t h = basic;
    while (h < n) {
        uint32_t m = UINT32_MAX;
        for (size_t j = 0; j < n; j++)
            if (cp[j] >= nn && cp[j] < m)
                m = cp[j];
        if ((uint64_t)(m - nn) * (h + 1) > UINT32_MAX - delta)
            return false;
        delta += (m - nn) * (uint32_t)(h + 1);
        nn = m;
        for (size_t j = 0; j < n; j++) {
            if (cp[j] < nn && ++delta == 0)
                return false;
            if (cp[j] == nn) {
                uint32_t q = delta;
                for (uint32_t k = PC_BASE;; k += PC_BASE) {
                    uint32_t t = k <= bias ? PC_TMIN : k >= bias + PC_TMAX ? PC_TMAX : k - bias;
                    if (q < t)
                        break;
                    char c = pc_digit(t + (q - t) % (PC_BASE - t));
                    dbuf_put(b, &c, 1);
                    q = (q - t) / (PC_BASE - t);
                }
                char c = pc_digit(q);
                dbuf_put(b, &c, 1);
                bias = pc_adapt(delta, (uint32_t)(h + 1), h == basic);
                delta = 0;
                h++;
            }
        }
        delta++;
        nn++;
    }
    return true;
}

/* Decodes the Punycode s[0..n) (no "xn--") and appends its UTF-8 to b. */
static bool pc_decode(const char *s, size_t n, dbuf *b)
{
    uint32_t *out = malloc((n + 1) * sizeof *out);
    if (!out)
        return false;
    size_t len = 0, start = 0;
    for (size_t j = n; j > 0; j--)
        if (s[j - 1] == '-') {
            for (size_t k = 0; k < j - 1; k++) {
                if ((uint8_t)s[k] >= 0x80)
                    goto fail;
                out[len++] = (uint8_t)s[k];
            }
            start = j;
            break;
        }
    uint32_t nn = PC_INITIAL_N, i = 0, bias = PC_INITIAL_BIAS;
    for (size_t in = start; in < n;) {
        uint32_t oldi = i, w = 1;
        for (uint32_t k = PC_BASE;; k += PC_BASE) {
            if (in >= n)
                goto fail;
            int digit = pc_value(s[in++]);
            if (digit < 0 || (uint32_t)digit > (UINT32_MAX - i) / w)
                goto fail;
            i += (uint32_t)digit * w;
            uint32_t t = k <= bias ? PC_TMIN : k >= bias + PC_TMAX ? PC_TMAX : k - bias;
            if ((uint32_t)digit < t)
                break;
            if (w > UINT32_MAX / (PC_BASE - t))
                goto fail;
            w *= PC_BASE - t;
        }
        bias = pc_adapt(i - oldi, (uint32_t)(len + 1), oldi == 0);
        if (i / (len + 1) > UINT32_MAX - nn)
            goto fail;
        nn += i / (uint32_t)(len + 1);
        i %= (uint32_t)(len + 1);
        if (nn > PC_MAXCP || (nn >= 0xD800 && nn <= 0xDFFF) || nn < 0x80)
            goto fail;
        memmove(out + i + 1, out + i, (len - i) * sizeof *out);
        out[i++] = nn;
        len++;
    }
    for (size_t k = 0; k < len; k++)
        utf8_put(b, out[k]);
    free(out);
    return true;
fail:
    free(out);
    return false;
}

static bool puny_from_string(hstr s, dbuf *b)
{
    uint32_t *cps;
    size_t n;
    if (!utf8_to_cps(s, &cps, &n))
        return false;
    bool ok = pc_encode(cps, n, b);
    free(cps);
    return ok;
}

static bool puny_to_string(hstr s, dbuf *b)
{
    return pc_decode(s.p, s.n, b);
}

/* Length of the IDNA label separator at s[i..n) ('.', U+3002, U+FF0E,
 * U+FF61), or 0. */
static size_t label_sep(const char *s, size_t n, size_t i)
{
    const uint8_t *p = (const uint8_t *)s + i;
    if (p[0] == '.')
        return 1;
    if (n - i >= 3 && ((p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x82) ||
                       (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8E) ||
                       (p[0] == 0xEF && p[1] == 0xBD && p[2] == 0xA1)))
        return 3;
    return 0;
}

static bool puny_domain_to_string(hstr s, dbuf *b)
{
    size_t i = 0, start = 0;
    for (;;) {
        size_t sep = i < s.n ? label_sep(s.p, s.n, i) : 0;
        if (i < s.n && sep == 0) {
            i++;
            continue;
        }
        hstr label = {s.p + start, (uint32_t)(i - start)};
        bool ascii = true;
        for (uint32_t k = 0; k < label.n; k++)
            if ((uint8_t)label.p[k] >= 0x80)
                ascii = false;
        if (ascii) {
            dbuf_put(b, label.p, label.n);
        } else {
            dbuf_put(b, "xn--", 4);
            if (!puny_from_string(label, b))
                return false;
        }
        if (i >= s.n)
            return true;
        dbuf_put(b, ".", 1);
        i += sep;
        start = i;
    }
}

static bool puny_domain_from_string(hstr s, dbuf *b)
{
    size_t start = 0;
    for (size_t i = 0; i <= s.n; i++) {
        if (i < s.n && s.p[i] != '.')
            continue;
        const char *l = s.p + start;
        size_t n = i - start;
        if (n >= 4 && strncasecmp(l, "xn--", 4) == 0) {
            if (!pc_decode(l + 4, n - 4, b))
                return false;
        } else {
            dbuf_put(b, l, n);
        }
        if (i < s.n)
            dbuf_put(b, ".", 1);
        start = i + 1;
    }
    return true;
}

typedef bool (*str_xform)(hstr s, dbuf *b);

static int run_xform(fn_ctx *ctx, const hvec *const *argv, hvec *out, str_xform f)
{
    vec_alloc(ctx->arena, out, HT_STRING, out->n);
    dbuf b = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        dbuf_reset(&b);
        if (f(arg_str(argv[0], i), &b))
            out_buf(ctx, out, i, &b);
        else
            out->s[i] = (hstr){"", 0};
    }
    dbuf_free(&b);
    return 0;
}

static htype tc_str1(fn_sig *sig, const char *name, htype res)
{
    return fn_want(sig, name, 0, 's') ? res : HT_UNKNOWN;
}

#define XFORM(fname, f)                                                                            \
    static htype tc_##fname(fn_sig *sig)                                                           \
    {                                                                                              \
        return tc_str1(sig, #fname, HT_STRING);                                                    \
    }                                                                                              \
    static int run_##fname(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)              \
    {                                                                                              \
        (void)argc;                                                                                \
        return run_xform(ctx, argv, out, f);                                                       \
    }

XFORM(punycode_from_string, puny_from_string)
XFORM(punycode_to_string, puny_to_string)
XFORM(punycode_domain_to_string, puny_domain_to_string)
XFORM(punycode_domain_from_string, puny_domain_from_string)

/* --- parse_version ---------------------------------------------------------------- */

/* The comparable number of version text s; false when s is no version. */
static bool version_value(hstr s, double *out)
{
    while (s.n && (s.p[0] == ' ' || s.p[0] == '\t'))
        s.p++, s.n--;
    while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
        s.n--;
    int64_t part[4] = {0, 0, 0, 0};
    int np = 0;
    size_t i = 0;
    if (s.n == 0)
        return false;
    for (;;) {
        size_t digits = 0;
        int64_t v = 0;
        while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9') {
            if (++digits > 8)
                return false;
            v = v * 10 + (s.p[i++] - '0');
        }
        if (digits == 0 || np == 4)
            return false;
        part[np++] = v;
        if (i == s.n)
            break;
        if (s.p[i++] != '.')
            return false;
    }
    *out =
        (double)part[0] * 1e24 + (double)part[1] * 1e16 + (double)part[2] * 1e8 + (double)part[3];
    return true;
}

static htype tc_parse_version(fn_sig *sig)
{
    return tc_str1(sig, "parse_version", HT_REAL);
}

static int run_parse_version(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_REAL, out->n);
    for (uint32_t i = 0; i < out->n; i++)
        if (!version_value(arg_str(argv[0], i), &out->r[i]))
            out_null(ctx, out, i);
    return 0;
}

/* --- ipv4_range_to_cidr_list -------------------------------------------------------- */

static bool ip4_plain(hstr s, uint32_t *addr)
{
    char buf[32];
    while (s.n && (s.p[0] == ' ' || s.p[0] == '\t'))
        s.p++, s.n--;
    while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
        s.n--;
    if (s.n == 0 || s.n >= sizeof buf)
        return false;
    memcpy(buf, s.p, s.n);
    buf[s.n] = 0;
    struct in_addr a;
    if (inet_pton(AF_INET, buf, &a) != 1)
        return false;
    *addr = ntohl(a.s_addr);
    return true;
}

/* Appends the CIDR blocks covering [lo, hi] to b as an array of strings. */
static void cidr_list(uint32_t lo, uint32_t hi, dbuf *b)
{
    size_t mark = dyn_begin_array(b);
    uint32_t count = 0;
    uint64_t cur = lo, end = (uint64_t)hi + 1;
    while (cur < end) {
        int bits = 0; /* host bits of the block */
        while (bits < 32 && (cur & ((1ull << (bits + 1)) - 1)) == 0 &&
               cur + (1ull << (bits + 1)) <= end)
            bits++;
        char txt[40];
        uint32_t a = (uint32_t)cur;
        int len = snprintf(txt, sizeof txt, "%u.%u.%u.%u/%d", a >> 24, (a >> 16) & 255,
                           (a >> 8) & 255, a & 255, 32 - bits);
        dyn_put_string(b, txt, (size_t)len);
        count++;
        cur += 1ull << bits;
    }
    dyn_end(b, mark, count);
}

static htype tc_ipv4_range_to_cidr_list(fn_sig *sig)
{
    if (!fn_want(sig, "ipv4_range_to_cidr_list", 0, 's') ||
        !fn_want(sig, "ipv4_range_to_cidr_list", 1, 's'))
        return HT_UNKNOWN;
    return HT_DYNAMIC;
}

static int run_ipv4_range_to_cidr_list(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    dbuf b = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        uint32_t lo, hi;
        if (!ip4_plain(arg_str(argv[0], i), &lo) || !ip4_plain(arg_str(argv[1], i), &hi) ||
            lo > hi) {
            out_null(ctx, out, i);
            continue;
        }
        dbuf_reset(&b);
        cidr_list(lo, hi, &b);
        out_buf(ctx, out, i, &b);
    }
    dbuf_free(&b);
    return 0;
}

/* --- has_any_index -------------------------------------------------------------------- */

static htype tc_has_any_index(fn_sig *sig)
{
    if (!fn_want(sig, "has_any_index", 0, 's') || !fn_want(sig, "has_any_index", 1, 'y'))
        return HT_UNKNOWN;
    return HT_LONG;
}

/* Does src have the term of dynamic element e (non-strings as their text)? */
static bool has_item(hstr src, const uint8_t *e, dbuf *tmp)
{
    if (dyn_tag(e) == DYN_STRING)
        return str_has(src, dyn_string(e), false);
    if (dyn_tag(e) == DYN_NULL)
        return false;
    dbuf_reset(tmp);
    dyn_to_text(e, tmp);
    return str_has(src, (hstr){tmp->n ? (const char *)tmp->p : "", (uint32_t)tmp->n}, false);
}

static int run_has_any_index(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_LONG, out->n);
    dbuf tmp = {0};
    for (uint32_t i = 0; i < out->n; i++) {
        out->i[i] = -1;
        if (vec_is_null(argv[1], i) || vec_s(argv[1], i).n == 0)
            continue;
        hstr src = arg_str(argv[0], i);
        const uint8_t *d = (const uint8_t *)vec_s(argv[1], i).p;
        if (dyn_tag(d) != DYN_ARRAY) {
            if (has_item(src, d, &tmp))
                out->i[i] = 0;
            continue;
        }
        dyn_iter it;
        int64_t k = 0;
        for (const uint8_t *e = dyn_first(d, &it, NULL); e; e = dyn_next(&it, NULL), k++)
            if (has_item(src, e, &tmp)) {
                out->i[i] = k;
                break;
            }
    }
    dbuf_free(&tmp);
    return 0;
}

/* --- around ---------------------------------------------------------------------------- */

static htype tc_around(fn_sig *sig)
{
    const char *nm = "around";
    if (sig->argc != 3)
        return fn_type_error(sig, "around(): expects 3 arguments");
    htype t0 = sig->argt[0], t1 = sig->argt[1];
    htype known = t0 != HT_UNKNOWN ? t0 : t1;
    if (known == HT_DATETIME) {
        if (!fn_want(sig, nm, 0, 'd') || !fn_want(sig, nm, 1, 'd') || !fn_want(sig, nm, 2, 't'))
            return HT_UNKNOWN;
        return HT_BOOL;
    }
    if (known == HT_TIMESPAN) {
        if (!fn_want(sig, nm, 0, 't') || !fn_want(sig, nm, 1, 't') || !fn_want(sig, nm, 2, 't'))
            return HT_UNKNOWN;
        return HT_BOOL;
    }
    bool any_real = false;
    for (int i = 0; i < 3; i++) {
        if (!fn_want(sig, nm, i, 'n'))
            return HT_UNKNOWN;
        any_real |= sig->argt[i] == HT_REAL;
    }
    for (int i = 0; i < 3; i++)
        if (!fn_want(sig, nm, i, any_real ? 'r' : 'l'))
            return HT_UNKNOWN;
    return HT_BOOL;
}

static int run_around(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    const hvec *v = argv[0], *c = argv[1], *d = argv[2];
    vec_alloc(ctx->arena, out, HT_BOOL, out->n);
    bool real = v->type == HT_REAL;
    for (uint32_t i = 0; i < out->n; i++) {
        if (vec_is_null(v, i) || vec_is_null(c, i) || vec_is_null(d, i)) {
            out_null(ctx, out, i);
            continue;
        }
        if (real) {
            double x = vec_r(v, i), m = vec_r(c, i), w = vec_r(d, i);
            out->b[i] = x >= m - w && x <= m + w;
        } else {
            /* 128-bit arithmetic: no overflow at the ends of the range */
            __int128 x = vec_i(v, i), m = vec_i(c, i), w = vec_i(d, i);
            out->b[i] = x >= m - w && x <= m + w;
        }
    }
    return 0;
}

/* --- the table ---------------------------------------------------------------------- */

#define F(name, lo, hi, tc, run)                                                                   \
    {                                                                                              \
        name, lo, hi, tc, run, NULL, 0                                                             \
    }

const fn_def fn_misc_defs[] = {
    F("convert_angle", 3, 3, tc_convert_angle, run_convert_angle),
    F("convert_energy", 3, 3, tc_convert_energy, run_convert_energy),
    F("convert_force", 3, 3, tc_convert_force, run_convert_force),
    F("convert_length", 3, 3, tc_convert_length, run_convert_length),
    F("convert_mass", 3, 3, tc_convert_mass, run_convert_mass),
    F("convert_speed", 3, 3, tc_convert_speed, run_convert_speed),
    F("convert_temperature", 3, 3, tc_convert_temperature, run_convert_temperature),
    F("convert_volume", 3, 3, tc_convert_volume, run_convert_volume),
    F("punycode_from_string", 1, 1, tc_punycode_from_string, run_punycode_from_string),
    F("punycode_to_string", 1, 1, tc_punycode_to_string, run_punycode_to_string),
    F("punycode_domain_to_string", 1, 1, tc_punycode_domain_to_string,
      run_punycode_domain_to_string),
    F("punycode_domain_from_string", 1, 1, tc_punycode_domain_from_string,
      run_punycode_domain_from_string),
    F("parse_version", 1, 1, tc_parse_version, run_parse_version),
    F("ipv4_range_to_cidr_list", 2, 2, tc_ipv4_range_to_cidr_list, run_ipv4_range_to_cidr_list),
    F("has_any_index", 2, 2, tc_has_any_index, run_has_any_index),
    F("around", 3, 3, tc_around, run_around),
    {NULL},
};
