/* tables/schemas.c — the built-in schemas of the security tables hunt knows.
 *
 * Column names and types are copied from the published Microsoft table
 * references (Sentinel / Azure Monitor for SecurityAlert and SecurityIncident,
 * Defender XDR advanced hunting for the others), in their published order.
 * hunt never reads a schema file at run time: these strings are the facts.
 *
 * Tables documented with a Defender variant (Timestamp) and a Log Analytics
 * variant (TimeGenerated) use the Defender columns here and name the other
 * time column in time_alias; the JSON loader maps TimeGenerated records onto
 * Timestamp (and CloudResourceId onto ResourceId for CloudAuditEvents).
 *
 * Notes kept from the sources: SecurityAlert.Entities, ExtendedProperties,
 * ExtendedLinks, RemediationSteps and SubTechniques are strings holding JSON
 * text, not dynamic; CloudProcessEvents.ParentProcessId and
 * InitiatingProcessId are strings while ProcessId is a long;
 * CloudProcessEvents.AdditionalFields is a string, CloudAuditEvents's dynamic.
 */
#include "tables/catalog.h"

const builtin_schema builtin_schemas[] = {
    {"SecurityAlert",
     "AlertLink:string,AlertName:string,AlertSeverity:string,AlertType:string,"
     "CompromisedEntity:string,ConfidenceLevel:string,ConfidenceScore:real,"
     "Description:string,DisplayName:string,EndTime:datetime,Entities:string,"
     "ExtendedLinks:string,ExtendedProperties:string,IsIncident:bool,"
     "ProcessingEndTime:datetime,ProductComponentName:string,ProductName:string,"
     "ProviderName:string,RemediationSteps:string,ResourceId:string,"
     "SourceComputerId:string,SourceSystem:string,StartTime:datetime,Status:string,"
     "SubTechniques:string,SystemAlertId:string,Tactics:string,Techniques:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string,VendorName:string,"
     "VendorOriginalId:string,WorkspaceResourceGroup:string,"
     "WorkspaceSubscriptionId:string",
     NULL},
    {"CloudAuditEvents",
     "Timestamp:datetime,ReportId:string,DataSource:string,ActionType:string,"
     "OperationName:string,ResourceId:string,IPAddress:string,IsAnonymousProxy:bool,"
     "CountryCode:string,City:string,Isp:string,UserAgent:string,RawEventData:dynamic,"
     "AdditionalFields:dynamic",
     "TimeGenerated"},
    {"CloudProcessEvents",
     "Timestamp:datetime,AzureResourceId:string,AwsResourceName:string,"
     "GcpFullResourceName:string,ContainerImageName:string,KubernetesNamespace:string,"
     "KubernetesPodName:string,KubernetesResource:string,ContainerName:string,"
     "ContainerId:string,ActionType:string,FileName:string,FolderPath:string,"
     "ProcessId:long,ProcessName:string,ParentProcessName:string,ParentProcessId:string,"
     "ProcessCommandLine:string,ProcessCreationTime:datetime,"
     "ProcessCurrentWorkingDirectory:string,AccountName:string,LogonId:long,"
     "InitiatingProcessId:string,AdditionalFields:string",
     "TimeGenerated"},
    {"AlertInfo",
     "Timestamp:datetime,AlertId:string,Title:string,Category:string,Severity:string,"
     "ServiceSource:string,DetectionSource:string,AttackTechniques:string",
     "TimeGenerated"},
    {"AlertEvidence",
     "Timestamp:datetime,AlertId:string,Title:string,Categories:string,"
     "AttackTechniques:string,ServiceSource:string,DetectionSource:string,"
     "EntityType:string,EvidenceRole:string,EvidenceDirection:string,FileName:string,"
     "FolderPath:string,SHA1:string,SHA256:string,FileSize:long,ThreatFamily:string,"
     "RemoteIP:string,RemoteUrl:string,AccountName:string,AccountDomain:string,"
     "AccountSid:string,AccountObjectId:string,AccountUpn:string,DeviceId:string,"
     "DeviceName:string,LocalIP:string,NetworkMessageId:string,EmailSubject:string,"
     "Application:string,ApplicationId:int,OAuthApplicationId:string,"
     "ProcessCommandLine:string,RegistryKey:string,RegistryValueName:string,"
     "RegistryValueData:string,AdditionalFields:string,Severity:string,"
     "CloudResource:string,CloudPlatform:string,ResourceType:string,ResourceID:string,"
     "SubscriptionId:string",
     "TimeGenerated"},
    {"SecurityIncident",
     "AdditionalData:dynamic,AlertIds:dynamic,BookmarkIds:dynamic,Classification:string,"
     "ClassificationComment:string,ClassificationReason:string,ClosedTime:datetime,"
     "Comments:dynamic,CreatedTime:datetime,Description:string,FirstActivityTime:datetime,"
     "FirstModifiedTime:datetime,IncidentName:string,IncidentNumber:int,"
     "IncidentUrl:string,Labels:dynamic,LastActivityTime:datetime,"
     "LastModifiedTime:datetime,ModifiedBy:string,Owner:dynamic,ProviderIncidentId:string,"
     "ProviderName:string,RelatedAnalyticRuleIds:dynamic,Severity:string,"
     "SourceSystem:string,Status:string,Tasks:dynamic,TenantId:string,"
     "TimeGenerated:datetime,Title:string,Type:string",
     NULL},
    {NULL, NULL, NULL},
};
