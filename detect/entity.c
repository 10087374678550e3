/* detect/entity.c — entity extraction from result rows (DETECTION.md A1.5,
 * C5): the Sentinel entity types with their identifiers and "needs one of"
 * rules, FullName splitting, the generic-account drop, per-mapping caps,
 * identity strings for grouping and dedupe, and cloud recognition of
 * resource ids (Azure, AWS, GCP).
 *
 * Entities are emitted in the Sentinel JSON shape: {"$id": "N", "Type":
 * "account", identifier: value, ...}, in mapping order then row order, with
 * duplicates (same identity string) merged.
 */
#include "detect/detect.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct etype {
    const char *name;
    const char *ids;      /* identifiers, space separated */
    const char *required; /* needs one of (space separated); "&" prefix: all */
} etype;

static const etype types[] = {
    {"Account",
     "Name FullName NTDomain DnsDomain UPNSuffix Sid AadTenantId AadUserId PUID IsDomainJoined "
     "DisplayName ObjectGuid",
     "FullName Sid Name AadUserId PUID ObjectGuid"},
    {"Host",
     "DnsDomain NTDomain HostName FullName NetBiosName AzureID OMSAgentID OSFamily OSVersion "
     "IsDomainJoined",
     "FullName HostName NetBiosName AzureID OMSAgentID"},
    {"IP", "Address", "Address"},
    {"URL", "Url", "Url"},
    {"AzureResource", "ResourceId", "ResourceId"},
    {"CloudApplication", "AppId Name InstanceName", "AppId Name"},
    {"DNS", "DomainName", "DomainName"},
    {"File", "Directory Name", "Name"},
    {"FileHash", "Algorithm Value", "&Algorithm Value"},
    {"Malware", "Name Category", "Name"},
    {"Process", "ProcessId CommandLine ElevationToken CreationTimeUtc", "CommandLine ProcessId"},
    {"RegistryKey", "Hive Key", "Key Hive"},
    {"RegistryValue", "Name Value ValueType", "Name"},
    {"SecurityGroup", "DistinguishedName SID ObjectGuid", "DistinguishedName SID ObjectGuid"},
    {"Mailbox", "MailboxPrimaryAddress DisplayName Upn ExternalDirectoryObjectId RiskLevel",
     "MailboxPrimaryAddress"},
    {"MailCluster",
     "NetworkMessageIds CountByDeliveryStatus CountByThreatType CountByProtectionStatus Threats "
     "Query QueryTime MailCount IsVolumeAnomaly Source ClusterSourceIdentifier ClusterSourceType "
     "ClusterQueryStartTime ClusterQueryEndTime ClusterGroup",
     "Query Source"},
    {"MailMessage",
     "Recipient Urls Threats Sender P1Sender P1SenderDisplayName P1SenderDomain SenderIP "
     "P2Sender P2SenderDisplayName P2SenderDomain ReceivedDate NetworkMessageId InternetMessageId "
     "Subject BodyFingerprintBin1 BodyFingerprintBin2 BodyFingerprintBin3 BodyFingerprintBin4 "
     "BodyFingerprintBin5 AntispamDirection DeliveryAction DeliveryLocation Language "
     "ThreatDetectionMethods",
     "NetworkMessageId Recipient"},
    {"SubmissionMail",
     "SubmissionId SubmissionDate Submitter NetworkMessageId Timestamp Recipient Sender SenderIp "
     "Subject ReportType",
     "SubmissionId NetworkMessageId Recipient Submitter"},
    {"IoTDevice",
     "IoTHub DeviceId DeviceName Source IoTSecurityAgentId DeviceType Vendor Model "
     "FirmwareVersion OperatingSystem MacAddress Protocols SerialNumber",
     "IoTHub DeviceId"},
};
#define NTYPES ((int)(sizeof types / sizeof types[0]))

static const etype *find_type(const char *t)
{
    for (int i = 0; t && i < NTYPES; i++)
        if (!strcasecmp(types[i].name, t))
            return &types[i];
    return NULL;
}

const char *det_entity_type_canon(const char *type)
{
    const etype *e = find_type(type);
    return e ? e->name : NULL;
}

/* 1 when word (case-insensitive) is one of the space-separated words. */
static int word_in(const char *words, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = words; *p;) {
        while (*p == ' ' || *p == '&')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - p) == n && !strncasecmp(p, word, n))
            return 1;
        p = e;
    }
    return 0;
}

int det_entity_has_identifier(const char *type, const char *identifier)
{
    const etype *e = find_type(type);
    return e && identifier && word_in(e->ids, identifier);
}

const char *det_cloud_of(const char *id)
{
    if (!id)
        return NULL;
    if (!strncasecmp(id, "/subscriptions/", 15))
        return "Azure";
    if (!strncmp(id, "arn:aws", 7))
        return "AWS";
    if (!strncmp(id, "//", 2) && strstr(id, ".googleapis.com/"))
        return "GCP";
    if (!strncmp(id, "projects/", 9))
        return "GCP";
    return NULL;
}

static const char *const generic_accounts[] = {
    "ADMIN",        "ADMINISTRATOR",      "SYSTEM",         "ROOT",
    "ANONYMOUS",    "AUTHENTICATED USER", "NETWORK",        "NULL",
    "LOCAL SYSTEM", "LOCALSYSTEM",        "NETWORK SERVICE"};

static int is_generic_account(const char *name)
{
    for (size_t i = 0; i < sizeof generic_accounts / sizeof generic_accounts[0]; i++)
        if (!strcasecmp(name, generic_accounts[i]))
            return 1;
    return 0;
}

static int blank(const char *s)
{
    while (s && isspace((unsigned char)*s))
        s++;
    return !s || !*s;
}

static void set_str(json_t *o, const char *k, const char *v, size_t n)
{
    json_object_set_new(o, k, json_stringn(v, n));
}

/* FullName → Name + UPNSuffix / NTDomain + Name (Account), HostName +
 * DnsDomain (Host); the FullName itself is kept. */
static void split_fullname(json_t *e, const char *type, const char *v)
{
    if (!strcmp(type, "Account")) {
        const char *at = strchr(v, '@'), *bs = strchr(v, '\\');
        if (at && !json_object_get(e, "Name")) {
            set_str(e, "Name", v, (size_t)(at - v));
            set_str(e, "UPNSuffix", at + 1, strlen(at + 1));
        } else if (bs && !json_object_get(e, "Name")) {
            set_str(e, "NTDomain", v, (size_t)(bs - v));
            set_str(e, "Name", bs + 1, strlen(bs + 1));
        } else if (!json_object_get(e, "Name"))
            set_str(e, "Name", v, strlen(v));
    } else if (!strcmp(type, "Host")) {
        const char *dot = strchr(v, '.');
        if (!json_object_get(e, "HostName"))
            set_str(e, "HostName", v, dot ? (size_t)(dot - v) : strlen(v));
        if (dot && !json_object_get(e, "DnsDomain"))
            set_str(e, "DnsDomain", dot + 1, strlen(dot + 1));
    }
}

static int meets_required(const etype *t, json_t *e)
{
    int all = t->required[0] == '&';
    const char *p = t->required + all;
    int any = 0, missing = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        char w[64];
        snprintf(w, sizeof w, "%.*s", (int)(q - p), p);
        if (json_object_get(e, w))
            any = 1;
        else
            missing = 1;
        p = q;
    }
    return all ? !missing : any;
}

static int case_sensitive_id(const char *k)
{
    return !strcmp(k, "CommandLine") || !strcmp(k, "Url") || !strcmp(k, "Value");
}

/* Identity string: type + sorted identifier=value pairs, values lower-cased
 * except for CommandLine, Url, Value. Returns malloc'd text. */
static char *identity(json_t *e)
{
    const char *keys[32];
    int n = 0;
    const char *k;
    json_t *v;
    json_object_foreach(e, k, v) if (k[0] != '$' && strcmp(k, "Type") && n < 32) keys[n++] = k;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
            const char *t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
        }
    size_t cap = 256, len = 0;
    char *s = malloc(cap);
    len = (size_t)snprintf(s, cap, "%s", json_string_value(json_object_get(e, "Type")));
    for (int i = 0; i < n; i++) {
        const char *val = json_string_value(json_object_get(e, keys[i]));
        size_t need = len + strlen(keys[i]) + (val ? strlen(val) : 0) + 4;
        if (need > cap) {
            cap = need * 2;
            s = realloc(s, cap);
        }
        len += (size_t)sprintf(s + len, "|%s=", keys[i]);
        for (const char *c = val ? val : ""; *c; c++)
            s[len++] = case_sensitive_id(keys[i]) ? *c : (char)tolower((unsigned char)*c);
        s[len] = '\0';
    }
    return s;
}

static int col_index(hunt_result *res, const char *name)
{
    int n = hunt_result_columns(res);
    for (int c = 0; name && c < n; c++)
        if (!strcmp(hunt_result_column_name(res, c), name))
            return c;
    return -1;
}

/* One entity for mapping m at row, or NULL when no required identifier set. */
static json_t *entity_of(const det_entity_map *m, const etype *t, hunt_result *res, int64_t row)
{
    json_t *e = json_object();
    char lower[32];
    snprintf(lower, sizeof lower, "%s", t->name);
    for (char *c = lower; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    json_object_set_new(e, "Type", json_string(lower));
    for (int f = 0; f < m->nfields; f++) {
        int c = col_index(res, m->fields[f].column);
        if (c < 0 || !m->fields[f].identifier || hunt_result_is_null(res, row, c))
            continue;
        size_t len;
        const char *v = hunt_result_text(res, row, c, &len);
        char *val = strndup(v, len);
        if (!blank(val)) {
            json_object_set_new(e, m->fields[f].identifier, json_string(val));
            if (!strcmp(m->fields[f].identifier, "FullName"))
                split_fullname(e, t->name, val);
        }
        free(val);
    }
    const char *name = json_string_value(json_object_get(e, "Name"));
    if (!strcmp(t->name, "Account") && name && json_object_size(e) == 2 &&
        is_generic_account(name)) {
        json_decref(e);
        return NULL;
    }
    if (!meets_required(t, e)) {
        json_decref(e);
        return NULL;
    }
    if (!strcmp(t->name, "AzureResource")) {
        const char *cloud = det_cloud_of(json_string_value(json_object_get(e, "ResourceId")));
        if (cloud)
            json_object_set_new(e, "CloudProvider", json_string(cloud));
    }
    return e;
}

static int seen(json_t *ids, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) if (!strcmp(json_string_value(v), id)) return 1;
    return 0;
}

json_t *det_entities_extract(const det_rule *r, hunt_result *res, const int64_t *rows, int nrows,
                             json_t *ids, int *skipped)
{
    json_t *out = json_array();
    json_t *local = json_array();
    int per_map = r->nentities ? 500 / r->nentities : 0;
    size_t bytes = 0;
    *skipped = 0;
    for (int i = 0; i < r->nentities; i++) {
        const etype *t = find_type(r->entities[i].type);
        if (!t)
            continue;
        int taken = 0;
        for (int k = 0; k < nrows; k++) {
            json_t *e = entity_of(&r->entities[i], t, res, rows[k]);
            if (!e) {
                (*skipped)++;
                continue;
            }
            char *id = identity(e);
            if (seen(local, id) || taken >= per_map || bytes > 64 * 1024) {
                if (!seen(local, id))
                    (*skipped)++;
                free(id);
                json_decref(e);
                continue;
            }
            json_array_append_new(local, json_string(id));
            if (ids) {
                char *pid = NULL;
                if (asprintf(&pid, "%d#%s", i, id) >= 0)
                    json_array_append_new(ids, json_string(pid));
                free(pid);
            }
            char num[16];
            snprintf(num, sizeof num, "%d", (int)json_array_size(out) + 2);
            json_object_set_new(e, "$id", json_string(num));
            char *txt = json_dumps(e, JSON_COMPACT);
            bytes += txt ? strlen(txt) : 0;
            free(txt);
            json_array_append_new(out, e);
            free(id);
            taken++;
        }
    }
    json_decref(local);
    return out;
}
