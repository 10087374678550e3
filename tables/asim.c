/* tables/asim.c — the built-in ASIM parsers: KQL text of stored functions.
 *
 * Sentinel's ASIM queries call unifying parsers (imProcessCreate,
 * _Im_FileEvent, ...) as if they were tables. Sentinel builds them as a union
 * of per-source parsers; hunt has only the ingest-time normalized tables
 * (ASimProcessEventLogs, ASimFileEventLogs in tables/schemas.c), so each
 * parser here reads such a table the way Sentinel's own parsers for those
 * tables do (Azure-Sentinel Parsers/ASimProcessEvent/Parsers/
 * vimProcessEventNative.yaml and Parsers/ASimFileEvent/Parsers/
 * vimFileEventNative.yaml): it applies the filtering parameters the schema
 * documents (learn.microsoft.com, normalization-schema-process-event),
 * adds EventSchema and the query-time aliases (Dvc, User, Process,
 * CommandLine, Hash, FileName, FilePath, ...) and drops TenantId,
 * SourceSystem, _SubscriptionId and _ResourceId. Raw source tables
 * (SecurityEvent, DeviceProcessEvents, Sysmon ...) are not normalized.
 *
 * Names: _Im_X / imX take the filtering parameters, the parameter-less
 * _ASim_X / ASimX call them with the defaults; imProcess is the older
 * parameter-less name of the process parser. A user's own stored function
 * of the same name (.create-or-alter function) takes precedence
 * (engine/commands.c asks here only when none is stored).
 */
#include "tables/asim.h"

#include <string.h>

#define PROC_PARAMS                                                                                \
    "starttime:datetime=datetime(null), endtime:datetime=datetime(null), "                         \
    "commandline_has_any:dynamic=dynamic([]), commandline_has_all:dynamic=dynamic([]), "           \
    "commandline_has_any_ip_prefix:dynamic=dynamic([]), "                                          \
    "actingprocess_has_any:dynamic=dynamic([]), targetprocess_has_any:dynamic=dynamic([]), "       \
    "parentprocess_has_any:dynamic=dynamic([]), targetusername_has:string='*', "                   \
    "actorusername_has:string='*', dvcipaddr_has_any_prefix:dynamic=dynamic([]), "                 \
    "dvchostname_has_any:dynamic=dynamic([]), hashes_has_any:dynamic=dynamic([]), "                \
    "disabled:bool=false"

#define PROC_ARGS                                                                                  \
    "starttime=starttime, endtime=endtime, commandline_has_any=commandline_has_any, "              \
    "commandline_has_all=commandline_has_all, "                                                    \
    "commandline_has_any_ip_prefix=commandline_has_any_ip_prefix, "                                \
    "actingprocess_has_any=actingprocess_has_any, targetprocess_has_any=targetprocess_has_any, "   \
    "parentprocess_has_any=parentprocess_has_any, targetusername_has=targetusername_has, "         \
    "actorusername_has=actorusername_has, dvcipaddr_has_any_prefix=dvcipaddr_has_any_prefix, "     \
    "dvchostname_has_any=dvchostname_has_any, hashes_has_any=hashes_has_any, disabled=disabled"

static const char proc_event[] =
    "(" PROC_PARAMS ", eventtype:string='*') {\n"
    "ASimProcessEventLogs\n"
    "| where not(disabled)\n"
    "| where (isnull(starttime) or TimeGenerated >= starttime)\n"
    "    and (isnull(endtime) or TimeGenerated <= endtime)\n"
    "    and (array_length(commandline_has_all) == 0\n"
    "         or TargetProcessCommandLine has_all (commandline_has_all))\n"
    "    and (array_length(commandline_has_any) == 0\n"
    "         or TargetProcessCommandLine has_any (commandline_has_any))\n"
    "    and (array_length(commandline_has_any_ip_prefix) == 0\n"
    "         or has_any_ipv4_prefix(TargetProcessCommandLine, commandline_has_any_ip_prefix))\n"
    "    and (array_length(actingprocess_has_any) == 0\n"
    "         or ActingProcessName has_any (actingprocess_has_any))\n"
    "    and (array_length(targetprocess_has_any) == 0\n"
    "         or TargetProcessName has_any (targetprocess_has_any))\n"
    "    and (array_length(parentprocess_has_any) == 0\n"
    "         or ParentProcessName has_any (parentprocess_has_any))\n"
    "    and (targetusername_has == '*' or TargetUsername has targetusername_has)\n"
    "    and (actorusername_has == '*' or ActorUsername has actorusername_has)\n"
    "    and (array_length(dvcipaddr_has_any_prefix) == 0\n"
    "         or has_any_ipv4_prefix(DvcIpAddr, dvcipaddr_has_any_prefix))\n"
    "    and (array_length(dvchostname_has_any) == 0\n"
    "         or DvcHostname has_any (dvchostname_has_any) or DvcFQDN has_any "
    "(dvchostname_has_any))\n"
    "    and (array_length(hashes_has_any) == 0 or TargetProcessSHA512 in (hashes_has_any)\n"
    "         or TargetProcessSHA256 in (hashes_has_any) or TargetProcessSHA1 in (hashes_has_any)\n"
    "         or TargetProcessIMPHASH in (hashes_has_any))\n"
    "    and (eventtype == '*' or EventType == eventtype)\n"
    "| extend EventSchema = 'ProcessEvent',\n"
    "    DvcScopeId = iff(isempty(DvcScopeId), _SubscriptionId, DvcScopeId)\n"
    "| extend EventEndTime = iff(isnull(EventEndTime), TimeGenerated, EventEndTime),\n"
    "    EventStartTime = iff(isnull(EventStartTime), TimeGenerated, EventStartTime),\n"
    "    Dvc = coalesce(DvcFQDN, DvcHostname, DvcIpAddr, DvcId, _ResourceId),\n"
    "    Rule = coalesce(RuleName, tostring(RuleNumber)),\n"
    "    User = TargetUsername,\n"
    "    Process = TargetProcessName,\n"
    "    CommandLine = TargetProcessCommandLine,\n"
    "    Hash = coalesce(TargetProcessSHA512, TargetProcessSHA256, TargetProcessMD5,\n"
    "                    TargetProcessSHA1, TargetProcessIMPHASH)\n"
    "| project-away TenantId, SourceSystem, _SubscriptionId, _ResourceId\n"
    "}";

static const char proc_create[] =
    "(" PROC_PARAMS ") { _Im_ProcessEvent(" PROC_ARGS ", eventtype='ProcessCreated') }";
static const char proc_terminate[] =
    "(" PROC_PARAMS ") { _Im_ProcessEvent(" PROC_ARGS ", eventtype='ProcessTerminated') }";
static const char proc_event_all[] = "() { _Im_ProcessEvent() }";
static const char proc_create_all[] = "() { _Im_ProcessCreate() }";
static const char proc_terminate_all[] = "() { _Im_ProcessTerminate() }";

static const char file_event[] =
    "(disabled:bool=false) {\n"
    "ASimFileEventLogs\n"
    "| where not(disabled)\n"
    "| extend EventSchema = 'FileEvent'\n"
    "| extend EventEndTime = iff(isnull(EventEndTime), TimeGenerated, EventEndTime),\n"
    "    EventStartTime = iff(isnull(EventStartTime), TimeGenerated, EventStartTime),\n"
    "    Dvc = coalesce(DvcFQDN, DvcHostname, DvcIpAddr, DvcId, _ResourceId),\n"
    "    Src = SrcIpAddr,\n"
    "    IpAddr = SrcIpAddr,\n"
    "    Rule = coalesce(RuleName, tostring(RuleNumber)),\n"
    "    User = ActorUsername,\n"
    "    FileName = TargetFileName,\n"
    "    FilePath = TargetFilePath,\n"
    "    Process = ActingProcessName,\n"
    "    Url = TargetUrl,\n"
    "    Application = TargetAppName\n"
    "| project-away TenantId, SourceSystem, _SubscriptionId, _ResourceId\n"
    "}";
static const char file_event_all[] = "() { _Im_FileEvent() }";

static const struct {
    const char *name;
    const char *text;
} parsers[] = {
    {"_Im_ProcessEvent", proc_event},
    {"imProcessEvent", proc_event},
    {"_Im_ProcessCreate", proc_create},
    {"imProcessCreate", proc_create},
    {"_Im_ProcessTerminate", proc_terminate},
    {"imProcessTerminate", proc_terminate},
    {"_ASim_ProcessEvent", proc_event_all},
    {"ASimProcessEvent", proc_event_all},
    {"imProcess", proc_event_all},
    {"_ASim_ProcessCreate", proc_create_all},
    {"ASimProcessCreate", proc_create_all},
    {"_ASim_ProcessTerminate", proc_terminate_all},
    {"ASimProcessTerminate", proc_terminate_all},
    {"_Im_FileEvent", file_event},
    {"imFileEvent", file_event},
    {"_ASim_FileEvent", file_event_all},
    {"ASimFileEvent", file_event_all},
};

const char *asim_function_text(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof parsers / sizeof parsers[0]; i++)
        if (strlen(parsers[i].name) == n && memcmp(parsers[i].name, name, n) == 0)
            return parsers[i].text;
    return NULL;
}
