/* tables/schemas.c — the built-in schemas of the security tables hunt knows.
 *
 * Column names and types are copied from the published Microsoft table
 * references, in their published order: Sentinel / Azure Monitor Logs
 * (MicrosoftDocs/azure-reference-other, azure-monitor-ref/tables/NAME.md) for
 * the Log Analytics tables, and the Defender XDR advanced hunting schema
 * reference (MicrosoftDocs/defender-docs, defender-xdr/advanced-hunting-*-
 * table.md) for the Defender tables; each entry names its page. hunt never
 * reads a schema file at run time: these strings are the facts (a user adds
 * more with `hunt --schema` or `.create table`, engine/commands.c).
 *
 * Tables documented with a Defender variant (Timestamp) and a Log Analytics
 * variant (TimeGenerated) use the Defender columns here and name the other
 * time column in time_alias; the JSON loader maps TimeGenerated records onto
 * Timestamp (and CloudResourceId onto ResourceId for CloudAuditEvents).
 * IdentityInfo exists in both products with different columns; the Sentinel
 * (UEBA) table is the one here, as most published queries are Sentinel's, with
 * the columns only the Defender page has appended (Sentinel types kept).
 *
 * Both variants' columns: where Azure Monitor also documents the Log Analytics
 * copy of a Defender table (azure-monitor-ref/tables/includes/NAME-include.md),
 * the columns only that copy has are appended after the Defender ones, in its
 * page's order (MachineGroup, SourceSystem, TenantId, Type; ISP in
 * CloudAppEvents and IdentityLogonEvents, whose Defender pages say Isp;
 * DeviceInfo.DeviceObjectId; Timestamp in the TVM KB tables; TimeGenerated in
 * the TVM tables that have no Timestamp), so a query written for either product
 * binds. Where a table has Timestamp, the copy's TimeGenerated stays the alias
 * above, not a column of its own. Where the two pages give a column different
 * types, the Defender type is kept (the Identity tables' Port and
 * DestinationPort, CvssScore) — except AdditionalFields and
 * DeviceInfo.LoggedOnUsers: their Log Analytics pages type them dynamic, and
 * published queries read their properties directly (AdditionalFields.Command,
 * LoggedOnUsers[0].UserName), which only a dynamic column allows; as dynamic
 * they still give string operators their JSON text, and the JSON loader parses
 * a record's JSON text into them. Not extended:
 * AlertInfo, AlertEvidence, DeviceNetworkInfo and EmailPostDeliveryEvents
 * (tests pin their published column lists), CloudAuditEvents and
 * CloudProcessEvents (their records' TenantId and Type stay in
 * AdditionalFields), and the tables Azure Monitor does not document
 * (BehaviorInfo, BehaviorEntities, AADSignInEventsBeta, ...).
 *
 * Every Log Analytics table has the standard columns TenantId and Type
 * (MicrosoftDocs/azure-monitor-docs, articles/azure-monitor/logs/
 * log-standard-columns.md); where a table's page leaves TenantId out it is
 * added in its alphabetical place. The hidden _BilledSize and _IsBillable are
 * left out everywhere. ASimProcessEventLogs and ASimFileEventLogs are the
 * tables the built-in ASIM parsers read (tables/asim.c).
 *
 * Notes kept from the sources: SecurityAlert.Entities, ExtendedProperties,
 * ExtendedLinks, RemediationSteps and SubTechniques are strings holding JSON
 * text, not dynamic; CloudProcessEvents.ParentProcessId and
 * InitiatingProcessId are strings while ProcessId is a long;
 * CloudProcessEvents.AdditionalFields is a string, CloudAuditEvents's dynamic.
 * The Defender tables' AdditionalFields are dynamic except in AlertEvidence
 * (pinned to its published list, a string) and the tables without a Log
 * Analytics copy that types it so; AADNonInteractiveUserSignInLogs
 * keeps Agent, ConditionalAccessPolicies, DeviceDetail, LocationDetails,
 * MfaDetail, Status and TokenProtectionStatusDetails as strings where SigninLogs
 * has dynamic columns.
 */
#include "tables/catalog.h"

/* ADTDigitalTwinsOperation and ADTModelsOperation: their published pages list
 * the same columns. */
static const char adt_operation_columns[] =
    "ApplicationId:string,CallerIpAddress:string,Category:string,CorrelationId:string,"
    "DurationMs:string,Level:string,Location:string,OperationName:string,OperationVersion:string,"
    "ParentId:string,RequestUri:string,_ResourceId:string,ResultDescription:string,"
    "ResultSignature:string,ResultType:string,SourceSystem:string,SpanId:string,"
    "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,TraceFlags:string,"
    "TraceId:string,TraceState:string,Type:string";

/* HDInsightHBaseLogs, HDInsightHadoopAndYarnLogs and HDInsightHiveAndLLAPLogs: their published
 * pages list the same columns. */
static const char hdinsight_cluster_logs_columns[] =
    "ClusterName:string,ClusterType:string,CorrelationId:string,HostName:string,LogLevel:string,"
    "LogType:string,Message:string,OperationName:string,_ResourceId:string,SourceSystem:string,"
    "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string";

/* HDInsightHBaseMetrics, HDInsightHadoopAndYarnMetrics and HDInsightHiveAndLLAPMetrics: their
 * published pages list the same columns. */
static const char hdinsight_cluster_metrics_columns[] =
    "ClusterName:string,ClusterType:string,CorrelationId:string,HostName:string,MetricName:string,"
    "MetricNamespace:string,MetricValue:real,OperationName:string,_ResourceId:string,"
    "SourceSystem:string,_SubscriptionId:string,Tags:dynamic,TenantId:string,"
    "TimeGenerated:datetime,Type:string";

/* HDInsightKafkaLogs, HDInsightStormLogs and HDInsightSparkLogs: their published pages list the
 * same columns. */
static const char hdinsight_logs_columns[] =
    "ClusterName:string,CorrelationId:string,HostName:string,LogLevel:string,LogType:string,"
    "Message:string,OperationName:string,_ResourceId:string,SourceSystem:string,"
    "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string";

/* AADServicePrincipalSignInLogs and AADManagedIdentitySignInLogs: their
 * published pages list the same columns. */
static const char aad_app_signin_columns[] =
    "AppId:string,AuthenticationContextClassReferences:string,"
    "AuthenticationProcessingDetails:string,Category:string,ConditionalAccessPolicies:string,"
    "ConditionalAccessStatus:string,CorrelationId:string,DurationMs:long,"
    "FederatedCredentialId:string,Id:string,Identity:string,IPAddress:string,Level:string,"
    "Location:string,LocationDetails:string,OperationName:string,OperationVersion:string,"
    "ResourceDisplayName:string,ResourceGroup:string,ResourceIdentity:string,"
    "ResourceServicePrincipalId:string,ResultDescription:string,ResultSignature:string,"
    "ResultType:string,ServicePrincipalCredentialKeyId:string,"
    "ServicePrincipalCredentialThumbprint:string,ServicePrincipalId:string,"
    "ServicePrincipalName:string,SourceSystem:string,TenantId:string,TimeGenerated:datetime,"
    "Type:string,UniqueTokenIdentifier:string";

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
    /* --- the most queried tables of the published hunting queries --- */
    /* Azure Monitor Logs table reference, AADNonInteractiveUserSignInLogs: the current
     * page's 83 columns, learn.microsoft.com/azure/azure-monitor/reference/tables/
     * aadnoninteractiveusersigninlogs (as copied in a schema catalog of 2026-10-02), less
     * the hidden _BilledSize and _IsBillable; the earlier list was azure-monitor-ref/tables/
     * includes/aadnoninteractiveusersigninlogs-include.md (2024) */
    {"AADNonInteractiveUserSignInLogs",
     "AADTenantId:string,Agent:string,AlternateSignInName:string,AppDisplayName:string,"
     "AppId:string,AppliedEventListeners:dynamic,AppOwnerTenantId:string,"
     "AuthenticationContextClassReferences:string,AuthenticationDetails:string,"
     "AuthenticationMethodsUsed:string,AuthenticationProcessingDetails:string,"
     "AuthenticationProtocol:string,AuthenticationRequirement:string,"
     "AuthenticationRequirementPolicies:string,AutonomousSystemNumber:string,Category:string,"
     "ClientAppUsed:string,ClientCredentialType:string,ConditionalAccessPolicies:string,"
     "ConditionalAccessStatus:string,CorrelationId:string,CreatedDateTime:datetime,"
     "CrossTenantAccessType:string,DeviceDetail:string,DurationMs:long,"
     "FederatedCredentialId:string,GlobalSecureAccessIpAddress:string,HomeTenantId:string,"
     "HomeTenantName:string,Id:string,Identity:string,IncomingTokenType:string,IPAddress:string,"
     "IsInteractive:bool,IsRisky:bool,IsTenantRestricted:bool,IsThroughGlobalSecureAccess:bool,"
     "Level:string,Location:string,LocationDetails:string,MfaDetail:string,"
     "NetworkLocationDetails:string,OperationName:string,OperationVersion:string,"
     "OriginalRequestId:string,OriginalTransferMethod:string,ProcessingTimeInMs:string,"
     "ResourceDisplayName:string,ResourceGroup:string,ResourceIdentity:string,"
     "ResourceOwnerTenantId:string,ResourceServicePrincipalId:string,ResourceTenantId:string,"
     "ResultDescription:string,ResultSignature:string,ResultType:string,RiskDetail:string,"
     "RiskEventTypes:string,RiskEventTypes_V2:string,RiskLevelAggregated:string,"
     "RiskLevelDuringSignIn:string,RiskState:string,ServicePrincipalId:string,SessionId:string,"
     "SessionLifetimePolicies:string,SignInEventTypes:string,SignInIdentifierType:string,"
     "SourceSystem:string,Status:string,TenantId:string,TimeGenerated:datetime,"
     "TokenIssuerName:string,TokenIssuerType:string,TokenProtectionStatusDetails:string,"
     "Type:string,UniqueTokenIdentifier:string,UserAgent:string,UserDisplayName:string,"
     "UserId:string,UserPrincipalName:string,UserType:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-aadsignineventsbeta-table
     * (ms.date 2026-07-27); then the columns of its successor EntraIdSignInEvents that its own
     * page lacks, in the successor's order: that page says queries naming AADSignInEventsBeta
     * are served by EntraIdSignInEvents since 2026-10-19 (TokenIssuerType keeps its int here) */
    {"AADSignInEventsBeta",
     "Timestamp:datetime,Application:string,ApplicationId:string,LogonType:string,ErrorCode:int,"
     "CorrelationId:string,SessionId:string,AccountDisplayName:string,AccountObjectId:string,"
     "AccountUpn:string,IsExternalUser:int,IsGuestUser:bool,AlternateSignInName:string,"
     "LastPasswordChangeTimestamp:datetime,ResourceDisplayName:string,ResourceId:string,"
     "ResourceTenantId:string,DeviceName:string,AadDeviceId:string,EntraIdDeviceId:string,"
     "OSPlatform:string,DeviceTrustType:string,IsManaged:int,IsCompliant:int,"
     "AuthenticationProcessingDetails:string,AuthenticationRequirement:string,"
     "TokenIssuerType:int,RiskLevelAggregated:int,RiskDetails:int,RiskState:int,"
     "UserAgent:string,ClientAppUsed:string,Browser:string,ConditionalAccessPolicies:string,"
     "ConditionalAccessStatus:int,IPAddress:string,Country:string,State:string,City:string,"
     "Latitude:string,Longitude:string,NetworkLocationDetails:string,RequestId:string,"
     "ReportId:string,EndpointCall:string,RiskLevelDuringSignIn:int,RiskEventTypes:string,"
     "GatewayJA4:string,TenantId:string,Type:string,SourceSystem:string,UniqueTokenId:string,"
     "IsSignInThroughGlobalSecureAccess:bool",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, AADUserRiskEvents (azure-monitor-
     * ref/tables/aaduserriskevents.md) */
    {"AADUserRiskEvents",
     "Activity:string,ActivityDateTime:datetime,AdditionalInfo:dynamic,CorrelationId:string,"
     "DetectedDateTime:datetime,DetectionTimingType:string,Id:string,IpAddress:string,"
     "LastUpdatedDateTime:datetime,Location:dynamic,OperationName:string,RequestId:string,"
     "RiskDetail:string,RiskEventType:string,RiskLevel:string,RiskState:string,Source:string,"
     "SourceSystem:string,TenantId:string,TimeGenerated:datetime,TokenIssuerType:string,"
     "Type:string,UserDisplayName:string,UserId:string,UserPrincipalName:string",
     NULL},
    /* Azure Monitor Logs table reference, AWSCloudTrail (azure-monitor-
     * ref/tables/awscloudtrail.md) */
    {"AWSCloudTrail",
     "AdditionalEventData:string,APIVersion:string,AwsEventId:string,AWSRegion:string,"
     "AwsRequestId_:string,Category:string,ErrorCode:string,ErrorMessage:string,EventName:string,"
     "EventSource:string,EventTypeName:string,EventVersion:string,ManagementEvent:bool,"
     "OperationName:string,ReadOnly:bool,RecipientAccountId:string,RequestParameters:string,"
     "Resources:string,ResponseElements:string,ServiceEventDetails:string,"
     "SessionCreationDate:datetime,SessionIssuerAccountId:string,SessionIssuerArn:string,"
     "SessionIssuerPrincipalId:string,SessionIssuerType:string,SessionIssuerUserName:string,"
     "SessionMfaAuthenticated:bool,SharedEventId:string,SourceIpAddress:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,UserAgent:string,UserIdentityAccessKeyId:string,"
     "UserIdentityAccountId:string,UserIdentityArn:string,UserIdentityInvokedBy:string,"
     "UserIdentityPrincipalid:string,UserIdentityType:string,UserIdentityUserName:string,"
     "VpcEndpointId:string",
     NULL},
    /* Azure Monitor Logs table reference, AuditLogs (azure-monitor-ref/tables/auditlogs.md) */
    {"AuditLogs",
     "AADOperationType:string,AADTenantId:string,ActivityDateTime:datetime,"
     "ActivityDisplayName:string,AdditionalDetails:dynamic,Category:string,CorrelationId:string,"
     "DurationMs:long,Id:string,Identity:string,InitiatedBy:dynamic,Level:string,Location:string,"
     "LoggedByService:string,OperationName:string,OperationVersion:string,Resource:string,"
     "ResourceGroup:string,ResourceId:string,ResourceProvider:string,Result:string,"
     "ResultDescription:string,ResultReason:string,ResultSignature:string,ResultType:string,"
     "SourceSystem:string,TargetResources:dynamic,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AzureActivity (azure-monitor-
     * ref/tables/azureactivity.md) */
    {"AzureActivity",
     "ActivityStatus:string,ActivityStatusValue:string,ActivitySubstatus:string,"
     "ActivitySubstatusValue:string,Authorization:string,Authorization_d:dynamic,Caller:string,"
     "CallerIpAddress:string,Category:string,CategoryValue:string,Claims:string,"
     "Claims_d:dynamic,CorrelationId:string,EventDataId:string,"
     "EventSubmissionTimestamp:datetime,Hierarchy:string,HTTPRequest:string,Level:string,"
     "OperationId:string,OperationName:string,OperationNameValue:string,Properties:string,"
     "Properties_d:dynamic,Resource:string,ResourceGroup:string,_ResourceId:string,"
     "ResourceId:string,ResourceProvider:string,ResourceProviderValue:string,"
     "SourceSystem:string,SubscriptionId:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AzureDevOpsAuditing (azure-monitor-
     * ref/tables/azuredevopsauditing.md) */
    /* Azure Monitor Logs table reference, AzureDiagnostics (azure-monitor-ref/tables/
     * azurediagnostics.md): the columns every workspace's table has at least; a repeated row of
     * the page is listed once, and SubscriptionId, listed as Guid and as String, is a string as in
     * the other tables. AdditionalFields, which the page lists without a type, is the "dynamic
     * property bag column" its text describes. Resource logs add columns (open_columns). */
    {"AzureDiagnostics",
     "action_id_s:string,action_name_s:string,action_s:string,ActivityId_g:guid,"
     "AdditionalFields:dynamic,AdHocOrScheduledJob_s:string,application_name_s:string,"
     "audit_schema_version_d:real,avg_cpu_percent_s:string,avg_mean_time_s:string,"
     "backendHostname_s:string,Caller_s:string,callerId_s:string,CallerIPAddress:string,"
     "calls_s:string,Category:string,client_ip_s:string,clientInfo_s:string,clientIP_s:string,"
     "clientIp_s:string,clientIpAddress_s:string,clientPort_d:real,code_s:string,"
     "collectionName_s:string,conditions_destinationIP_s:string,"
     "conditions_destinationPortRange_s:string,conditions_None_s:string,"
     "conditions_protocols_s:string,conditions_sourceIP_s:string,"
     "conditions_sourcePortRange_s:string,CorrelationId:string,count_executions_d:real,"
     "cpu_time_d:real,database_name_s:string,database_principal_name_s:string,"
     "DatabaseName_s:string,db_id_s:string,direction_s:string,dop_d:real,duration_d:real,"
     "duration_milliseconds_d:real,DurationMs:long,ElasticPoolName_s:string,"
     "endTime_t:datetime,Environment_s:string,error_code_s:string,error_message_s:string,"
     "errorLevel_s:string,event_class_s:string,event_s:string,event_subclass_s:string,"
     "event_time_t:datetime,EventName_s:string,execution_type_d:real,"
     "executionInfo_endTime_t:datetime,executionInfo_exitCode_d:real,"
     "executionInfo_startTime_t:datetime,host_s:string,httpMethod_s:string,httpStatus_d:real,"
     "httpStatusCode_d:real,httpStatusCode_s:string,httpVersion_s:string,id_s:string,"
     "identity_claim_appid_g:guid,identity_claim_ipaddr_s:string,instanceId_s:string,"
     "interval_end_time_d:real,interval_start_time_d:real,ip_s:string,"
     "is_column_permission_s:string,isAccessPolicyMatch_b:bool,JobDurationInSecs_s:string,"
     "JobFailureCode_s:string,JobId_g:guid,jobId_s:string,JobOperation_s:string,"
     "JobOperationSubType_s:string,JobStartDateTime_s:string,JobStatus_s:string,"
     "JobUniqueId_g:guid,Level:string,log_bytes_used_d:real,logical_io_reads_d:real,"
     "logical_io_writes_d:real,LogicalServerName_s:string,macAddress_s:string,"
     "matchedConnections_d:real,max_cpu_time_d:real,max_dop_d:real,max_duration_d:real,"
     "max_log_bytes_used_d:real,max_logical_io_reads_d:real,max_logical_io_writes_d:real,"
     "max_num_physical_io_reads_d:real,max_physical_io_reads_d:real,"
     "max_query_max_used_memory_d:real,max_rowcount_d:real,max_time_s:string,"
     "mean_time_s:string,Message:string,min_time_s:string,msg_s:string,"
     "num_physical_io_reads_d:real,object_id_d:real,object_name_s:string,OperationName:string,"
     "OperationVersion:string,partitionKey_s:string,physical_io_reads_d:real,plan_id_d:real,"
     "policy_s:string,policyMode_s:string,primaryIPv4Address_s:string,priority_d:real,"
     "properties_enabledForDeployment_b:bool,properties_enabledForDiskEncryption_b:bool,"
     "properties_enabledForTemplateDeployment_b:bool,properties_s:string,"
     "properties_sku_Family_s:string,properties_sku_Name_s:string,properties_tenantId_g:guid,"
     "query_hash_s:string,query_id_d:real,query_max_used_memory_d:real,"
     "query_plan_hash_s:string,query_time_d:real,querytext_s:string,receivedBytes_d:real,"
     "Region_s:string,requestCharge_s:string,requestQuery_s:string,requestResourceId_s:string,"
     "requestResourceType_s:string,requestUri_s:string,reserved_storage_mb_s:string,"
     "Resource:string,resource_actionName_s:string,resource_location_s:string,"
     "resource_originRunId_s:string,resource_resourceGroupName_s:string,"
     "resource_runId_s:string,resource_subscriptionId_g:guid,resource_triggerName_s:string,"
     "resource_workflowId_g:guid,resource_workflowName_s:string,ResourceGroup:string,"
     "_ResourceId:string,ResourceProvider:string,ResourceType:string,response_rows_d:real,"
     "resultCode_s:string,ResultDescription:string,resultDescription_ChildJobs_s:string,"
     "resultDescription_ErrorJobs_s:string,resultMessage_s:string,ResultSignature:string,"
     "ResultType:string,rootCauseAnalysis_s:string,routingRuleName_s:string,rowcount_d:real,"
     "ruleName_s:string,RunbookName_s:string,RunOn_s:string,schema_name_s:string,"
     "sentBytes_d:real,sequence_group_id_g:guid,sequence_number_d:real,"
     "server_principal_sid_s:string,session_id_d:real,sizeKb_d:real,SourceSystem:string,"
     "sql_text_s:string,sslEnabled_s:string,start_time_t:datetime,startTime_s:string,"
     "startTime_t:datetime,statement_s:string,statement_sql_handle_s:string,status_s:string,"
     "Status_s:string,statusCode_s:string,storage_space_used_mb_s:string,StreamType_s:string,"
     "subnetId_s:string,subnetPrefix_s:string,SubscriptionId:string,succeeded_s:string,"
     "sum_calls_s:string,systemId_g:guid,target_database_principal_name_s:string,"
     "target_server_principal_name_s:string,Tenant_g:guid,TenantId:string,"
     "TimeGenerated:datetime,timeTaken_d:real,Type:string,type_s:string,"
     "user_defined_information_s:string,user_id_s:string,user_s:string,userAgent_s:string,"
     "vnetResourceGuid_g:guid,workflowId_s:string",
     NULL, true},
    {"AzureDevOpsAuditing",
     "ActivityId:string,ActorClientId:string,ActorCUID:string,ActorDisplayName:string,"
     "ActorUPN:string,ActorUserId:string,Area:string,AuthenticationMechanism:string,"
     "Category:string,CategoryDisplayName:string,CorrelationId:string,Data:dynamic,"
     "Details:string,Id:string,IpAddress:string,OperationName:string,ProjectId:string,"
     "ProjectName:string,ScopeDisplayName:string,ScopeId:string,ScopeType:string,"
     "SourceSystem:string,TenantId:string,TimeGenerated:datetime,Type:string,UserAgent:string",
     NULL},
    /* Azure Monitor Logs table reference, BehaviorAnalytics (azure-monitor-
     * ref/tables/behavioranalytics.md) */
    {"BehaviorAnalytics",
     "ActionType:string,ActivityInsights:dynamic,ActivityType:string,DestinationDevice:string,"
     "DestinationIPAddress:string,DestinationIPLocation:string,DevicesInsights:dynamic,"
     "EventSource:string,InvestigationPriority:int,_ResourceId:string,SourceDevice:string,"
     "SourceIPAddress:string,SourceIPLocation:string,SourceRecordId:string,SourceSystem:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,TimeProcessed:datetime,"
     "Type:string,UserName:string,UserPrincipalName:string,UsersInsights:dynamic",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-cloudappevents-table; then the Log
     * Analytics variant's ISP, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/cloudappevents-include.md) */
    {"CloudAppEvents",
     "Timestamp:datetime,ActionType:string,Application:string,ApplicationId:int,"
     "AppInstanceId:int,AccountObjectId:string,AccountId:string,AccountDisplayName:string,"
     "IsAdminOperation:bool,DeviceType:string,OSPlatform:string,IPAddress:string,"
     "IsAnonymousProxy:bool,CountryCode:string,City:string,Isp:string,UserAgent:string,"
     "ActivityType:string,ActivityObjects:dynamic,ObjectName:string,ObjectType:string,"
     "ObjectId:string,ReportId:string,AccountType:string,IsExternalUser:bool,"
     "IsImpersonated:bool,IPTags:dynamic,IPCategory:string,UserAgentTags:dynamic,"
     "RawEventData:dynamic,AdditionalFields:dynamic,LastSeenForUser:dynamic,"
     "UncommonForUser:dynamic,AuditSource:string,SessionData:dynamic,OAuthAppId:string,ISP:string,"
     "SourceSystem:string,TenantId:string,Type:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, CommonSecurityLog (azure-monitor-
     * ref/tables/commonsecuritylog.md) */
    {"CommonSecurityLog",
     "Activity:string,AdditionalExtensions:string,ApplicationProtocol:string,"
     "CommunicationDirection:string,Computer:string,DestinationDnsDomain:string,"
     "DestinationHostName:string,DestinationIP:string,DestinationMACAddress:string,"
     "DestinationNTDomain:string,DestinationPort:int,DestinationProcessId:int,"
     "DestinationProcessName:string,DestinationServiceName:string,"
     "DestinationTranslatedAddress:string,DestinationTranslatedPort:int,DestinationUserID:string,"
     "DestinationUserName:string,DestinationUserPrivileges:string,DeviceAction:string,"
     "DeviceAddress:string,DeviceCustomDate1:string,DeviceCustomDate1Label:string,"
     "DeviceCustomDate2:string,DeviceCustomDate2Label:string,DeviceCustomFloatingPoint1:real,"
     "DeviceCustomFloatingPoint1Label:string,DeviceCustomFloatingPoint2:real,"
     "DeviceCustomFloatingPoint2Label:string,DeviceCustomFloatingPoint3:real,"
     "DeviceCustomFloatingPoint3Label:string,DeviceCustomFloatingPoint4:real,"
     "DeviceCustomFloatingPoint4Label:string,DeviceCustomIPv6Address1:string,"
     "DeviceCustomIPv6Address1Label:string,DeviceCustomIPv6Address2:string,"
     "DeviceCustomIPv6Address2Label:string,DeviceCustomIPv6Address3:string,"
     "DeviceCustomIPv6Address3Label:string,DeviceCustomIPv6Address4:string,"
     "DeviceCustomIPv6Address4Label:string,DeviceCustomNumber1:int,DeviceCustomNumber1Label:string,"
     "DeviceCustomNumber2:int,DeviceCustomNumber2Label:string,DeviceCustomNumber3:int,"
     "DeviceCustomNumber3Label:string,DeviceCustomString1:string,DeviceCustomString1Label:string,"
     "DeviceCustomString2:string,DeviceCustomString2Label:string,DeviceCustomString3:string,"
     "DeviceCustomString3Label:string,DeviceCustomString4:string,DeviceCustomString4Label:string,"
     "DeviceCustomString5:string,DeviceCustomString5Label:string,DeviceCustomString6:string,"
     "DeviceCustomString6Label:string,DeviceDnsDomain:string,DeviceEventClassID:string,"
     "DeviceExternalID:string,DeviceFacility:string,DeviceInboundInterface:string,"
     "DeviceMacAddress:string,DeviceName:string,DeviceNtDomain:string,"
     "DeviceOutboundInterface:string,DevicePayloadId:string,DeviceProduct:string,"
     "DeviceTimeZone:string,DeviceTranslatedAddress:string,DeviceVendor:string,"
     "DeviceVersion:string,EndTime:datetime,EventCount:int,EventType:int,ExternalID:int,"
     "FileCreateTime:string,FileHash:string,FileID:string,FileModificationTime:string,"
     "FileName:string,FilePath:string,FilePermission:string,FileSize:int,FileType:string,"
     "FlexDate1:string,FlexDate1Label:string,FlexNumber1:int,FlexNumber1Label:string,"
     "FlexNumber2:int,FlexNumber2Label:string,FlexString1:string,FlexString1Label:string,"
     "FlexString2:string,FlexString2Label:string,IndicatorThreatType:string,LogSeverity:string,"
     "MaliciousIP:string,MaliciousIPCountry:string,MaliciousIPLatitude:real,"
     "MaliciousIPLongitude:real,Message:string,OldFileCreateTime:string,OldFileHash:string,"
     "OldFileID:string,OldFileModificationTime:string,OldFileName:string,OldFilePath:string,"
     "OldFilePermission:string,OldFileSize:int,OldFileType:string,OriginalLogSeverity:string,"
     "ProcessID:int,ProcessName:string,Protocol:string,ReceiptTime:string,ReceivedBytes:long,"
     "RemoteIP:string,RemotePort:string,RequestClientApplication:string,RequestContext:string,"
     "RequestCookies:string,RequestMethod:string,RequestURL:string,_ResourceId:string,"
     "SentBytes:long,SimplifiedDeviceAction:string,SourceDnsDomain:string,SourceHostName:string,"
     "SourceIP:string,SourceMACAddress:string,SourceNTDomain:string,SourcePort:int,"
     "SourceProcessId:int,SourceProcessName:string,SourceServiceName:string,SourceSystem:string,"
     "SourceTranslatedAddress:string,SourceTranslatedPort:int,SourceUserID:string,"
     "SourceUserName:string,SourceUserPrivileges:string,StartTime:datetime,_SubscriptionId:string,"
     "TenantId:string,ThreatConfidence:string,ThreatDescription:string,ThreatSeverity:int,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-deviceevents-table; then the Log
     * Analytics variant's MachineGroup, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/deviceevents-include.md) */
    {"DeviceEvents",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,ActionType:string,FileName:string,"
     "FolderPath:string,SHA1:string,SHA256:string,MD5:string,FileSize:long,AccountDomain:string,"
     "AccountName:string,AccountSid:string,RemoteUrl:string,RemoteDeviceName:string,"
     "ProcessId:long,ProcessCommandLine:string,ProcessCreationTime:datetime,"
     "ProcessTokenElevation:string,LogonId:long,RegistryKey:string,RegistryValueName:string,"
     "RegistryValueData:string,RemoteIP:string,RemotePort:int,LocalIP:string,LocalPort:int,"
     "FileOriginUrl:string,FileOriginIP:string,InitiatingProcessSHA1:string,"
     "InitiatingProcessSHA256:string,InitiatingProcessMD5:string,"
     "InitiatingProcessFileName:string,InitiatingProcessFileSize:long,"
     "InitiatingProcessFolderPath:string,InitiatingProcessId:long,"
     "InitiatingProcessCommandLine:string,InitiatingProcessCreationTime:datetime,"
     "InitiatingProcessAccountDomain:string,InitiatingProcessAccountName:string,"
     "InitiatingProcessAccountSid:string,InitiatingProcessAccountUpn:string,"
     "InitiatingProcessAccountObjectId:string,InitiatingProcessVersionInfoCompanyName:string,"
     "InitiatingProcessVersionInfoProductName:string,"
     "InitiatingProcessVersionInfoProductVersion:string,"
     "InitiatingProcessVersionInfoInternalFileName:string,"
     "InitiatingProcessVersionInfoOriginalFileName:string,"
     "InitiatingProcessVersionInfoFileDescription:string,InitiatingProcessParentId:long,"
     "InitiatingProcessParentFileName:string,InitiatingProcessParentCreationTime:datetime,"
     "InitiatingProcessLogonId:long,ReportId:long,AppGuardContainerId:string,"
     "AdditionalFields:dynamic,InitiatingProcessSessionId:long,"
     "IsInitiatingProcessRemoteSession:bool,InitiatingProcessRemoteSessionDeviceName:string,"
     "InitiatingProcessRemoteSessionIP:string,CreatedProcessSessionId:long,"
     "IsProcessRemoteSession:bool,ProcessRemoteSessionDeviceName:string,"
     "ProcessRemoteSessionIP:string,MachineGroup:string,SourceSystem:string,TenantId:string,"
     "Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicefileevents-table; then the
     * Log Analytics variant's MachineGroup, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/devicefileevents-include.md) */
    {"DeviceFileEvents",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,ActionType:string,FileName:string,"
     "FolderPath:string,SHA1:string,SHA256:string,MD5:string,FileOriginUrl:string,"
     "FileOriginReferrerUrl:string,FileOriginIP:string,PreviousFolderPath:string,"
     "PreviousFileName:string,FileSize:long,InitiatingProcessAccountDomain:string,"
     "InitiatingProcessAccountName:string,InitiatingProcessAccountSid:string,"
     "InitiatingProcessAccountUpn:string,InitiatingProcessAccountObjectId:string,"
     "InitiatingProcessMD5:string,InitiatingProcessSHA1:string,InitiatingProcessSHA256:string,"
     "InitiatingProcessFolderPath:string,InitiatingProcessFileName:string,"
     "InitiatingProcessFileSize:long,InitiatingProcessVersionInfoCompanyName:string,"
     "InitiatingProcessVersionInfoProductName:string,"
     "InitiatingProcessVersionInfoProductVersion:string,"
     "InitiatingProcessVersionInfoInternalFileName:string,"
     "InitiatingProcessVersionInfoOriginalFileName:string,"
     "InitiatingProcessVersionInfoFileDescription:string,InitiatingProcessId:long,"
     "InitiatingProcessCommandLine:string,InitiatingProcessCreationTime:datetime,"
     "InitiatingProcessIntegrityLevel:string,InitiatingProcessTokenElevation:string,"
     "InitiatingProcessParentId:long,InitiatingProcessParentFileName:string,"
     "InitiatingProcessParentCreationTime:datetime,RequestProtocol:string,"
     "RequestSourceIP:string,RequestSourcePort:int,RequestAccountName:string,"
     "RequestAccountDomain:string,RequestAccountSid:string,ShareName:string,"
     "SensitivityLabel:string,SensitivitySubLabel:string,IsAzureInfoProtectionApplied:bool,"
     "ReportId:long,AppGuardContainerId:string,AdditionalFields:dynamic,"
     "InitiatingProcessSessionId:long,IsInitiatingProcessRemoteSession:bool,"
     "InitiatingProcessRemoteSessionDeviceName:string,InitiatingProcessRemoteSessionIP:string,"
     "MachineGroup:string,SourceSystem:string,TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-deviceimageloadevents-table
     * (ms.date 09/06/2024, which adds the four InitiatingProcess RDP session columns); then
     * the Log Analytics variant's MachineGroup, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/deviceimageloadevents-include.md) */
    {"DeviceImageLoadEvents",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,ActionType:string,FileName:string,"
     "FolderPath:string,SHA1:string,SHA256:string,MD5:string,FileSize:long,"
     "InitiatingProcessAccountDomain:string,InitiatingProcessAccountName:string,"
     "InitiatingProcessAccountSid:string,InitiatingProcessAccountUpn:string,"
     "InitiatingProcessAccountObjectId:string,InitiatingProcessIntegrityLevel:string,"
     "InitiatingProcessTokenElevation:string,InitiatingProcessSHA1:string,"
     "InitiatingProcessSHA256:string,InitiatingProcessMD5:string,"
     "InitiatingProcessFileName:string,InitiatingProcessFileSize:long,"
     "InitiatingProcessVersionInfoCompanyName:string,"
     "InitiatingProcessVersionInfoProductName:string,"
     "InitiatingProcessVersionInfoProductVersion:string,"
     "InitiatingProcessVersionInfoInternalFileName:string,"
     "InitiatingProcessVersionInfoOriginalFileName:string,"
     "InitiatingProcessVersionInfoFileDescription:string,InitiatingProcessId:long,"
     "InitiatingProcessCommandLine:string,InitiatingProcessCreationTime:datetime,"
     "InitiatingProcessFolderPath:string,InitiatingProcessParentId:long,"
     "InitiatingProcessParentFileName:string,InitiatingProcessParentCreationTime:datetime,"
     "ReportId:long,AppGuardContainerId:string,InitiatingProcessSessionId:long,"
     "IsInitiatingProcessRemoteSession:bool,InitiatingProcessRemoteSessionDeviceName:string,"
     "InitiatingProcessRemoteSessionIP:string,MachineGroup:string,SourceSystem:string,"
     "TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-deviceinfo-table; then the Log
     * Analytics variant's DeviceObjectId, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/deviceinfo-include.md) */
    {"DeviceInfo",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,ClientVersion:string,PublicIP:string,"
     "OSArchitecture:string,OSPlatform:string,OSBuild:long,IsAzureADJoined:bool,JoinType:string,"
     "AadDeviceId:string,LoggedOnUsers:dynamic,RegistryDeviceTag:string,OSVersion:string,"
     "MachineGroup:string,ReportId:long,OnboardingStatus:string,AdditionalFields:dynamic,"
     "DeviceCategory:string,DeviceType:string,DeviceSubtype:string,Model:string,Vendor:string,"
     "OSDistribution:string,OSVersionInfo:string,MergedDeviceIds:string,MergedToDeviceId:string,"
     "IsInternetFacing:bool,SensorHealthState:string,IsExcluded:bool,ExclusionReason:string,"
     "ExposureLevel:string,AssetValue:string,DeviceManualTags:string,DeviceDynamicTags:string,"
     "ConnectivityType:string,HostDeviceId:string,DeviceObjectId:string,SourceSystem:string,"
     "TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicelogonevents-table; then the
     * Log Analytics variant's MachineGroup, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/devicelogonevents-include.md) */
    {"DeviceLogonEvents",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,ActionType:string,LogonType:string,"
     "AccountDomain:string,AccountName:string,AccountSid:string,Protocol:string,"
     "FailureReason:string,IsLocalAdmin:bool,LogonId:long,RemoteDeviceName:string,"
     "RemoteIP:string,RemoteIPType:string,RemotePort:int,InitiatingProcessAccountDomain:string,"
     "InitiatingProcessAccountName:string,InitiatingProcessAccountSid:string,"
     "InitiatingProcessAccountUpn:string,InitiatingProcessAccountObjectId:string,"
     "InitiatingProcessIntegrityLevel:string,InitiatingProcessTokenElevation:string,"
     "InitiatingProcessSHA1:string,InitiatingProcessSHA256:string,InitiatingProcessMD5:string,"
     "InitiatingProcessFileName:string,InitiatingProcessFileSize:long,"
     "InitiatingProcessVersionInfoCompanyName:string,"
     "InitiatingProcessVersionInfoProductName:string,"
     "InitiatingProcessVersionInfoProductVersion:string,"
     "InitiatingProcessVersionInfoInternalFileName:string,"
     "InitiatingProcessVersionInfoOriginalFileName:string,"
     "InitiatingProcessVersionInfoFileDescription:string,InitiatingProcessId:long,"
     "InitiatingProcessCommandLine:string,InitiatingProcessCreationTime:datetime,"
     "InitiatingProcessFolderPath:string,InitiatingProcessParentId:long,"
     "InitiatingProcessParentFileName:string,InitiatingProcessParentCreationTime:datetime,"
     "ReportId:long,AppGuardContainerId:string,AdditionalFields:dynamic,"
     "InitiatingProcessSessionId:long,IsInitiatingProcessRemoteSession:bool,"
     "InitiatingProcessRemoteSessionDeviceName:string,InitiatingProcessRemoteSessionIP:string,"
     "MachineGroup:string,SourceSystem:string,TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicenetworkevents-table; then the
     * Log Analytics variant's MachineGroup, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/devicenetworkevents-include.md) */
    {"DeviceNetworkEvents",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,ActionType:string,RemoteIP:string,"
     "RemotePort:int,RemoteUrl:string,LocalIP:string,LocalPort:int,Protocol:string,"
     "LocalIPType:string,RemoteIPType:string,InitiatingProcessSHA1:string,"
     "InitiatingProcessSHA256:string,InitiatingProcessMD5:string,"
     "InitiatingProcessFileName:string,InitiatingProcessFileSize:long,"
     "InitiatingProcessVersionInfoCompanyName:string,"
     "InitiatingProcessVersionInfoProductName:string,"
     "InitiatingProcessVersionInfoProductVersion:string,"
     "InitiatingProcessVersionInfoInternalFileName:string,"
     "InitiatingProcessVersionInfoOriginalFileName:string,"
     "InitiatingProcessVersionInfoFileDescription:string,InitiatingProcessId:long,"
     "InitiatingProcessCommandLine:string,InitiatingProcessCreationTime:datetime,"
     "InitiatingProcessFolderPath:string,InitiatingProcessParentFileName:string,"
     "InitiatingProcessParentId:long,InitiatingProcessParentCreationTime:datetime,"
     "InitiatingProcessAccountDomain:string,InitiatingProcessAccountName:string,"
     "InitiatingProcessAccountSid:string,InitiatingProcessAccountUpn:string,"
     "InitiatingProcessAccountObjectId:string,InitiatingProcessIntegrityLevel:string,"
     "InitiatingProcessTokenElevation:string,ReportId:long,AppGuardContainerId:string,"
     "AdditionalFields:dynamic,InitiatingProcessSessionId:long,"
     "IsInitiatingProcessRemoteSession:bool,InitiatingProcessRemoteSessionDeviceName:string,"
     "InitiatingProcessRemoteSessionIP:string,MachineGroup:string,SourceSystem:string,"
     "TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-deviceprocessevents-table
     * (MicrosoftDocs/defender-docs, ms.date 09/06/2024, which adds the eight initiating and
     * created process RDP session columns); then the Log Analytics variant's MachineGroup,
     * SourceSystem, TenantId, Type (azure-monitor-ref/tables/includes/
     * deviceprocessevents-include.md) */
    {"DeviceProcessEvents",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,ActionType:string,FileName:string,"
     "FolderPath:string,SHA1:string,SHA256:string,MD5:string,FileSize:long,"
     "ProcessVersionInfoCompanyName:string,ProcessVersionInfoProductName:string,"
     "ProcessVersionInfoProductVersion:string,ProcessVersionInfoInternalFileName:string,"
     "ProcessVersionInfoOriginalFileName:string,ProcessVersionInfoFileDescription:string,"
     "ProcessId:long,ProcessCommandLine:string,ProcessIntegrityLevel:string,"
     "ProcessTokenElevation:string,ProcessCreationTime:datetime,AccountDomain:string,"
     "AccountName:string,AccountSid:string,AccountUpn:string,AccountObjectId:string,"
     "LogonId:long,InitiatingProcessAccountDomain:string,InitiatingProcessAccountName:string,"
     "InitiatingProcessAccountSid:string,InitiatingProcessAccountUpn:string,"
     "InitiatingProcessAccountObjectId:string,InitiatingProcessLogonId:long,"
     "InitiatingProcessIntegrityLevel:string,InitiatingProcessTokenElevation:string,"
     "InitiatingProcessSHA1:string,InitiatingProcessSHA256:string,InitiatingProcessMD5:string,"
     "InitiatingProcessFileName:string,InitiatingProcessFileSize:long,"
     "InitiatingProcessVersionInfoCompanyName:string,"
     "InitiatingProcessVersionInfoProductName:string,"
     "InitiatingProcessVersionInfoProductVersion:string,"
     "InitiatingProcessVersionInfoInternalFileName:string,"
     "InitiatingProcessVersionInfoOriginalFileName:string,"
     "InitiatingProcessVersionInfoFileDescription:string,InitiatingProcessId:long,"
     "InitiatingProcessCommandLine:string,InitiatingProcessCreationTime:datetime,"
     "InitiatingProcessFolderPath:string,InitiatingProcessParentId:long,"
     "InitiatingProcessParentFileName:string,InitiatingProcessParentCreationTime:datetime,"
     "InitiatingProcessSignerType:string,InitiatingProcessSignatureStatus:string,ReportId:long,"
     "AppGuardContainerId:string,AdditionalFields:dynamic,InitiatingProcessSessionId:long,"
     "IsInitiatingProcessRemoteSession:bool,InitiatingProcessRemoteSessionDeviceName:string,"
     "InitiatingProcessRemoteSessionIP:string,CreatedProcessSessionId:long,"
     "IsProcessRemoteSession:bool,ProcessRemoteSessionDeviceName:string,"
     "ProcessRemoteSessionIP:string,MachineGroup:string,SourceSystem:string,TenantId:string,"
     "Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-deviceregistryevents-table; then
     * the Log Analytics variant's MachineGroup, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/deviceregistryevents-include.md) */
    {"DeviceRegistryEvents",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,ActionType:string,RegistryKey:string,"
     "RegistryValueType:string,RegistryValueName:string,RegistryValueData:string,"
     "PreviousRegistryKey:string,PreviousRegistryValueName:string,"
     "PreviousRegistryValueData:string,InitiatingProcessAccountDomain:string,"
     "InitiatingProcessAccountName:string,InitiatingProcessAccountSid:string,"
     "InitiatingProcessAccountUpn:string,InitiatingProcessAccountObjectId:string,"
     "InitiatingProcessSHA1:string,InitiatingProcessSHA256:string,InitiatingProcessMD5:string,"
     "InitiatingProcessFileName:string,InitiatingProcessFileSize:long,"
     "InitiatingProcessVersionInfoCompanyName:string,"
     "InitiatingProcessVersionInfoProductName:string,"
     "InitiatingProcessVersionInfoProductVersion:string,"
     "InitiatingProcessVersionInfoInternalFileName:string,"
     "InitiatingProcessVersionInfoOriginalFileName:string,"
     "InitiatingProcessVersionInfoFileDescription:string,InitiatingProcessId:long,"
     "InitiatingProcessCommandLine:string,InitiatingProcessCreationTime:datetime,"
     "InitiatingProcessFolderPath:string,InitiatingProcessParentId:long,"
     "InitiatingProcessParentFileName:string,InitiatingProcessParentCreationTime:datetime,"
     "InitiatingProcessIntegrityLevel:string,InitiatingProcessTokenElevation:string,"
     "ReportId:long,AppGuardContainerId:string,InitiatingProcessSessionId:long,"
     "IsInitiatingProcessRemoteSession:bool,InitiatingProcessRemoteSessionDeviceName:string,"
     "InitiatingProcessRemoteSessionIP:string,MachineGroup:string,SourceSystem:string,"
     "TenantId:string,Type:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, DnsEvents (azure-monitor-ref/tables/dnsevents.md) */
    {"DnsEvents",
     "ClientIP:string,Computer:string,Confidence:string,Description:string,EventId:int,"
     "IndicatorThreatType:string,IPAddresses:string,MaliciousIP:string,Message:string,Name:string,"
     "QueryType:string,RemoteIPCountry:string,RemoteIPLatitude:real,RemoteIPLongitude:real,"
     "_ResourceId:string,Result:string,ResultCode:int,Severity:int,SourceSystem:string,"
     "_SubscriptionId:string,SubType:string,TaskCategory:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-emailattachmentinfo-table; then the
     * Log Analytics variant's SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/emailattachmentinfo-include.md) */
    {"EmailAttachmentInfo",
     "Timestamp:datetime,NetworkMessageId:string,SenderFromAddress:string,"
     "SenderDisplayName:string,SenderObjectId:string,RecipientEmailAddress:string,"
     "RecipientObjectId:string,FileName:string,FileType:string,SHA256:string,FileSize:long,"
     "ThreatTypes:string,ThreatNames:string,DetectionMethods:string,ReportId:string,"
     "SourceSystem:string,TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-emailevents-table; then the Log
     * Analytics variant's SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/emailevents-include.md) */
    {"EmailEvents",
     "Timestamp:datetime,NetworkMessageId:string,InternetMessageId:string,"
     "SenderMailFromAddress:string,SenderFromAddress:string,SenderDisplayName:string,"
     "SenderObjectId:string,SenderMailFromDomain:string,SenderFromDomain:string,"
     "SenderIPv4:string,SenderIPv6:string,RecipientEmailAddress:string,RecipientObjectId:string,"
     "Subject:string,EmailClusterId:long,EmailDirection:string,DeliveryAction:string,"
     "DeliveryLocation:string,ThreatTypes:string,ThreatNames:string,DetectionMethods:string,"
     "ConfidenceLevel:string,BulkComplaintLevel:int,EmailAction:string,EmailActionPolicy:string,"
     "EmailActionPolicyGuid:string,AuthenticationDetails:string,AttachmentCount:int,"
     "UrlCount:int,EmailLanguage:string,Connectors:string,OrgLevelAction:string,"
     "OrgLevelPolicy:string,UserLevelAction:string,UserLevelPolicy:string,ReportId:string,"
     "AdditionalFields:dynamic,LatestDeliveryLocation:string,LatestDeliveryAction:string,"
     "SourceSystem:string,TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-emailurlinfo-table; then the Log
     * Analytics variant's SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/emailurlinfo-include.md) */
    {"EmailUrlInfo",
     "Timestamp:datetime,NetworkMessageId:string,Url:string,UrlDomain:string,UrlLocation:string,"
     "ReportId:string,SourceSystem:string,TenantId:string,Type:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, Event (azure-monitor-ref/tables/includes/event-
     * include.md) */
    {"Event",
     "AzureDeploymentID:string,_BilledSize:real,Computer:string,EventCategory:int,EventData:string,"
     "EventID:int,EventLevel:int,EventLevelName:string,EventLog:string,_IsBillable:string,"
     "ManagementGroupName:string,Message:string,ParameterXml:string,RenderedDescription:string,"
     "_ResourceId:string,Role:string,Source:string,SourceSystem:string,_SubscriptionId:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string,UserName:string",
     NULL},
    /* Azure Monitor Logs table reference, Heartbeat (azure-monitor-ref/tables/heartbeat.md) */
    {"Heartbeat",
     "Category:string,Computer:string,ComputerEnvironment:string,ComputerIP:string,"
     "IsGatewayInstalled:bool,ManagementGroupName:string,OSMajorVersion:string,"
     "OSMinorVersion:string,OSName:string,OSType:string,RemoteIPCountry:string,"
     "RemoteIPLatitude:real,RemoteIPLongitude:real,Resource:string,ResourceGroup:string,"
     "_ResourceId:string,ResourceId:string,ResourceProvider:string,ResourceType:string,"
     "SCAgentChannel:string,Solutions:string,SourceSystem:string,SubscriptionId:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,Version:string,"
     "VMUUID:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-identitydirectoryevents-table; then
     * the Log Analytics variant's SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/identitydirectoryevents-include.md) */
    {"IdentityDirectoryEvents",
     "Timestamp:datetime,ActionType:string,Application:string,TargetAccountUpn:string,"
     "TargetAccountDisplayName:string,TargetDeviceName:string,DestinationDeviceName:string,"
     "DestinationIPAddress:string,DestinationPort:int,Protocol:string,AccountName:string,"
     "AccountDomain:string,AccountUpn:string,AccountSid:string,AccountObjectId:string,"
     "AccountDisplayName:string,DeviceName:string,IPAddress:string,Port:int,Location:string,"
     "ISP:string,ReportId:string,AdditionalFields:dynamic,SourceSystem:string,TenantId:string,"
     "Type:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, IdentityInfo (the Microsoft Sentinel UEBA table;
     * azure-monitor-ref/tables/includes/identityinfo-include.md); then the columns only the
     * Defender XDR page has (advanced-hunting-identityinfo-table, ms.date 12/22/2025), in its
     * order. Its Timestamp is this table's TimeGenerated (engine/bind.c); where the two pages
     * type a column differently the Sentinel type is kept (Tags: string here, dynamic in
     * Defender; UserAccountControl: dynamic here, string in Defender). */
    {"IdentityInfo",
     "AccountCloudSID:string,AccountCreationTime:datetime,AccountDisplayName:string,"
     "AccountDomain:string,AccountName:string,AccountObjectId:string,AccountSID:string,"
     "AccountTenantId:string,AccountUPN:string,AdditionalMailAddresses:dynamic,"
     "Applications:string,AssignedRoles:dynamic,BlastRadius:string,ChangeSource:string,"
     "City:string,CompanyName:string,Country:string,DeletedDateTime:datetime,Department:string,"
     "EmployeeId:string,EntityRiskScore:dynamic,ExtensionProperty:dynamic,GivenName:string,"
     "GroupMembership:dynamic,InvestigationPriority:int,InvestigationPriorityPercentile:int,"
     "IsAccountEnabled:bool,IsMFARegistered:bool,IsServiceAccount:bool,JobTitle:string,"
     "LastSeenDate:datetime,MailAddress:string,Manager:string,"
     "OnPremisesDistinguishedName:string,OnPremisesExtensionAttributes:string,Phone:string,"
     "RelatedAccounts:dynamic,RiskLevel:string,RiskLevelDetails:string,RiskState:string,"
     "SAMAccountName:string,ServicePrincipals:dynamic,SourceSystem:string,State:string,"
     "StreetAddress:string,Surname:string,Tags:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string,UACFlags:string,UserAccountControl:dynamic,UserState:string,"
     "UserStateChangedOn:datetime,UserType:string,ReportId:string,AccountUpn:string,"
     "OnPremSid:string,CriticalityLevel:int,DistinguishedName:string,CloudSid:string,"
     "EmailAddress:string,SipProxyAddress:string,Address:string,CreatedDateTime:datetime,"
     "OtherMailAddresses:dynamic,PrivilegedEntraPimRoles:dynamic,OnPremObjectId:string,"
     "TenantMembershipType:string,RiskStatus:string,IdentityEnvironment:string,"
     "SourceProviders:dynamic",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-identitylogonevents-table; then the
     * Log Analytics variant's ISP, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/identitylogonevents-include.md) */
    {"IdentityLogonEvents",
     "Timestamp:datetime,ActionType:string,Application:string,LogonType:string,Protocol:string,"
     "FailureReason:string,AccountName:string,AccountDomain:string,AccountUpn:string,"
     "AccountSid:string,AccountObjectId:string,AccountDisplayName:string,DeviceName:string,"
     "DeviceType:string,OSPlatform:string,IPAddress:string,Port:int,"
     "DestinationDeviceName:string,DestinationIPAddress:string,DestinationPort:int,"
     "TargetDeviceName:string,TargetAccountDisplayName:string,Location:string,Isp:string,"
     "ReportId:string,AdditionalFields:dynamic,ISP:string,SourceSystem:string,TenantId:string,"
     "Type:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, OfficeActivity (azure-monitor-
     * ref/tables/officeactivity.md) */
    {"OfficeActivity",
     "AADGroupId:string,AADTarget:string,Activity:string,Actor:string,ActorContextId:string,"
     "ActorIpAddress:string,AddOnGuid:string,AddonName:string,AddOnType:string,"
     "AffectedItems:string,AppDistributionMode:string,AppId:string,Application:string,"
     "ApplicationId:string,AzureActiveDirectory_EventType:string,AzureADAppId:string,"
     "ChannelGuid:string,ChannelName:string,ChannelType:string,ChatName:string,"
     "ChatThreadId:string,Client:string,ClientAppId:string,ClientInfoString:string,"
     "ClientIP:string,Client_IPAddress:string,ClientMachineName:string,ClientProcessName:string,"
     "ClientVersion:string,CommunicationType:string,CrossMailboxOperations:bool,"
     "CustomEvent:string,DataCenterSecurityEventType:int,DestFolder:string,"
     "DestinationFileExtension:string,DestinationFileName:string,DestinationRelativeUrl:string,"
     "DestMailboxId:string,DestMailboxOwnerMasterAccountSid:string,DestMailboxOwnerSid:string,"
     "DestMailboxOwnerUPN:string,EffectiveOrganization:string,ElevationApprovedTime:datetime,"
     "ElevationApprover:string,ElevationDuration:int,ElevationRequestId:string,"
     "ElevationRole:string,ElevationTime:datetime,Event_Data:string,EventSource:string,"
     "ExtendedProperties:string,ExternalAccess:string,ExtraProperties:dynamic,Folder:string,"
     "Folders:string,GenericInfo:string,InternalLogonType:int,InterSystemsId:string,"
     "IntraSystemId:string,IsManagedDevice:bool,Item:string,ItemName:string,ItemType:string,"
     "LoginStatus:int,Logon_Type:string,LogonUserDisplayName:string,LogonUserSid:string,"
     "MachineDomainInfo:string,MachineId:string,MailboxGuid:string,"
     "MailboxOwnerMasterAccountSid:string,MailboxOwnerSid:string,MailboxOwnerUPN:string,"
     "Members:dynamic,MessageId:string,ModifiedObjectResolvedName:string,"
     "ModifiedProperties:string,Name:string,NewValue:string,OfficeId:string,"
     "OfficeObjectId:string,OfficeTenantId:string,OfficeWorkload:string,OldValue:string,"
     "Operation:string,OperationProperties:dynamic,OperationScope:string,OrganizationId:string,"
     "OrganizationName:string,OriginatingServer:string,Parameters:string,RecordType:string,"
     "_ResourceId:string,ResultReasonType:string,ResultStatus:string,"
     "SendAsUserMailboxGuid:string,SendAsUserSmtp:string,SendonBehalfOfUserMailboxGuid:string,"
     "SendOnBehalfOfUserSmtp:string,SharingType:string,Site_:string,Site_Url:string,"
     "SourceFileExtension:string,SourceFileName:string,Source_Name:string,SourceRecordId:string,"
     "SourceRelativeUrl:string,SourceSystem:string,SRPolicyId:string,SRPolicyName:string,"
     "SRRuleMatchDetails:dynamic,Start_Time:datetime,_SubscriptionId:string,"
     "SupportTicketId:string,TabType:string,TargetContextId:string,TargetUserId:string,"
     "TargetUserOrGroupName:string,TargetUserOrGroupType:string,TeamGuid:string,TeamName:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string,UserAgent:string,UserDomain:string,"
     "UserId:string,UserKey:string,UserSharedWith:string,UserType:string",
     NULL},
    /* Azure Monitor Logs table reference, SecurityEvent (azure-monitor-
     * ref/tables/securityevent.md) */
    {"SecurityEvent",
     "AccessMask:string,Account:string,AccountDomain:string,AccountExpires:string,"
     "AccountName:string,AccountSessionIdentifier:string,AccountType:string,Activity:string,"
     "AdditionalInfo:string,AdditionalInfo2:string,AllowedToDelegateTo:string,Attributes:string,"
     "AuditPolicyChanges:string,AuditsDiscarded:int,AuthenticationLevel:int,"
     "AuthenticationPackageName:string,AuthenticationProvider:string,AuthenticationServer:string,"
     "AuthenticationService:int,AuthenticationType:string,AzureDeploymentID:string,"
     "CACertificateHash:string,CalledStationID:string,CallerProcessId:string,"
     "CallerProcessName:string,CallingStationID:string,CAPublicKeyHash:string,CategoryId:string,"
     "CertificateDatabaseHash:string,Channel:string,ClassId:string,ClassName:string,"
     "ClientAddress:string,ClientIPAddress:string,ClientName:string,CommandLine:string,"
     "CompatibleIds:string,Computer:string,DCDNSName:string,DeviceDescription:string,"
     "DeviceId:string,DisplayName:string,Disposition:string,DomainBehaviorVersion:string,"
     "DomainName:string,DomainPolicyChanged:string,DomainSid:string,EAPType:string,"
     "ElevatedToken:string,ErrorCode:int,EventData:string,EventID:int,EventSourceName:string,"
     "ExtendedQuarantineState:string,FailureReason:string,FileHash:string,FilePath:string,"
     "FilePathNoUser:string,Filter:string,ForceLogoff:string,Fqbn:string,"
     "FullyQualifiedSubjectMachineName:string,FullyQualifiedSubjectUserName:string,"
     "GroupMembership:string,HandleId:string,HardwareIds:string,HomeDirectory:string,"
     "HomePath:string,InterfaceUuid:string,IpAddress:string,IpPort:string,KeyLength:int,"
     "Level:string,LmPackageName:string,LocationInformation:string,LockoutDuration:string,"
     "LockoutObservationWindow:string,LockoutThreshold:string,LoggingResult:string,"
     "LogonGuid:string,LogonHours:string,LogonID:string,LogonProcessName:string,LogonType:int,"
     "LogonTypeName:string,MachineAccountQuota:string,MachineInventory:string,MachineLogon:string,"
     "ManagementGroupName:string,MandatoryLabel:string,MaxPasswordAge:string,MemberName:string,"
     "MemberSid:string,MinPasswordAge:string,MinPasswordLength:string,MixedDomainMode:string,"
     "NASIdentifier:string,NASIPv4Address:string,NASIPv6Address:string,NASPort:string,"
     "NASPortType:string,NetworkPolicyName:string,NewDate:string,NewMaxUsers:string,"
     "NewProcessId:string,NewProcessName:string,NewRemark:string,NewShareFlags:string,"
     "NewTime:string,NewUacValue:string,NewValue:string,NewValueType:string,ObjectName:string,"
     "ObjectServer:string,ObjectType:string,ObjectValueName:string,OemInformation:string,"
     "OldMaxUsers:string,OldRemark:string,OldShareFlags:string,OldUacValue:string,OldValue:string,"
     "OldValueType:string,OperationType:string,PackageName:string,ParentProcessName:string,"
     "PasswordHistoryLength:string,PasswordLastSet:string,PasswordProperties:string,"
     "PreviousDate:string,PreviousTime:string,PrimaryGroupId:string,PrivateKeyUsageCount:string,"
     "PrivilegeList:string,Process:string,ProcessId:string,ProcessName:string,ProfilePath:string,"
     "Properties:string,ProtocolSequence:string,ProxyPolicyName:string,QuarantineHelpURL:string,"
     "QuarantineSessionID:string,QuarantineSessionIdentifier:string,QuarantineState:string,"
     "QuarantineSystemHealthResult:string,RelativeTargetName:string,RemoteIpAddress:string,"
     "RemotePort:string,Requester:string,RequestId:string,_ResourceId:string,"
     "RestrictedAdminMode:string,RowsDeleted:string,SamAccountName:string,ScriptPath:string,"
     "SecurityDescriptor:string,ServiceAccount:string,ServiceFileName:string,ServiceName:string,"
     "ServiceStartType:int,ServiceType:string,SessionName:string,ShareLocalPath:string,"
     "ShareName:string,SidHistory:string,SourceComputerId:string,SourceSystem:string,Status:string,"
     "StorageAccount:string,SubcategoryGuid:string,SubcategoryId:string,Subject:string,"
     "SubjectAccount:string,SubjectDomainName:string,SubjectKeyIdentifier:string,"
     "SubjectLogonId:string,SubjectMachineName:string,SubjectMachineSID:string,"
     "SubjectUserName:string,SubjectUserSid:string,_SubscriptionId:string,SubStatus:string,"
     "TableId:string,TargetAccount:string,TargetDomainName:string,TargetInfo:string,"
     "TargetLinkedLogonId:string,TargetLogonGuid:string,TargetLogonId:string,"
     "TargetOutboundDomainName:string,TargetOutboundUserName:string,TargetServerName:string,"
     "TargetSid:string,TargetUser:string,TargetUserName:string,TargetUserSid:string,Task:int,"
     "TemplateContent:string,TemplateDSObjectFQDN:string,TemplateInternalName:string,"
     "TemplateOID:string,TemplateSchemaVersion:string,TemplateVersion:string,TenantId:string,"
     "TimeGenerated:datetime,TokenElevationType:string,TransmittedServices:string,Type:string,"
     "UserAccountControl:string,UserParameters:string,UserPrincipalName:string,"
     "UserWorkstations:string,VendorIds:string,VirtualAccount:string,Workstation:string,"
     "WorkstationName:string",
     NULL},
    /* Azure Monitor Logs table reference, SigninLogs: the current page,
     * learn.microsoft.com/azure/azure-monitor/reference/tables/signinlogs (ms.date
     * 2026-08-27; it adds IncomingTokenType, SessionId, Agent, ... to the 2024-02-18
     * MicrosoftDocs/azure-reference-other signinlogs-include.md list). The page omits
     * TenantId, added in its alphabetical place; _BilledSize and _IsBillable left out. */
    {"SigninLogs",
     "AADTenantId:string,Agent:dynamic,AlternateSignInName:string,AppDisplayName:string,"
     "AppId:string,AppliedConditionalAccessPolicies:string,AppliedEventListeners:dynamic,"
     "AppOwnerTenantId:string,AuthenticationAppDeviceDetails:string,"
     "AuthenticationAppPolicyEvaluationDetails:string,AuthenticationContextClassReferences:string,"
     "AuthenticationDetails:string,AuthenticationMethodsUsed:string,"
     "AuthenticationProcessingDetails:string,AuthenticationProtocol:string,"
     "AuthenticationRequirement:string,AuthenticationRequirementPolicies:string,"
     "AuthenticatorAppLocation:string,AutonomousSystemNumber:string,Category:string,"
     "ClientAppUsed:string,ClientCredentialType:string,ClientSessionId:string,"
     "ConditionalAccessAudiences:string,ConditionalAccessPolicies:dynamic,"
     "ConditionalAccessStatus:string,CorrelationId:string,CreatedDateTime:datetime,"
     "CrossTenantAccessType:string,DeviceDetail:dynamic,DurationMs:long,"
     "FederatedCredentialId:string,FlaggedForReview:bool,GlobalSecureAccessIpAddress:string,"
     "HomeTenantId:string,HomeTenantName:string,Id:string,Identity:string,"
     "IncomingTokenType:string,IPAddress:string,IPAddressFromResourceProvider:string,"
     "IsInteractive:bool,IsRisky:bool,IsTenantRestricted:bool,IsThroughGlobalSecureAccess:bool,"
     "Level:string,Location:string,LocationDetails:dynamic,MfaDetail:dynamic,"
     "NetworkLocationDetails:string,OperationName:string,OperationVersion:string,"
     "OriginalRequestId:string,OriginalTransferMethod:string,ProcessingTimeInMilliseconds:string,"
     "Resource:string,ResourceDisplayName:string,ResourceGroup:string,ResourceId:string,"
     "ResourceIdentity:string,ResourceOwnerTenantId:string,ResourceProvider:string,"
     "ResourceServicePrincipalId:string,ResourceTenantId:string,ResultDescription:string,"
     "ResultSignature:string,ResultType:string,RiskDetail:string,RiskEventTypes:string,"
     "RiskEventTypes_V2:string,RiskLevel:string,RiskLevelAggregated:string,"
     "RiskLevelDuringSignIn:string,RiskState:string,RootActorID:string,ServicePrincipalId:string,"
     "ServicePrincipalName:string,SessionId:string,SessionLifetimePolicies:string,"
     "SignInIdentifier:string,SignInIdentifierType:string,SourceAppClientId:string,"
     "SourceSystem:string,Status:dynamic,TenantId:string,TimeGenerated:datetime,"
     "TokenIssuerName:string,TokenIssuerType:string,TokenProtectionStatusDetails:dynamic,"
     "Type:string,UniqueTokenIdentifier:string,UserAgent:string,UserDisplayName:string,"
     "UserId:string,UserPrincipalName:string,UserType:string",
     NULL},
    /* Azure Monitor Logs table reference, StorageFileLogs (azure-monitor-
     * ref/tables/storagefilelogs.md) */
    {"StorageFileLogs",
     "AccountName:string,AuthenticationHash:string,AuthenticationType:string,"
     "AuthorizationDetails:dynamic,CallerIpAddress:string,Category:string,"
     "ClientRequestId:string,ConditionsUsed:string,ContentLengthHeader:long,"
     "CorrelationId:string,DurationMs:real,Etag:string,LastModifiedTime:datetime,"
     "Location:string,OperationCount:int,OperationName:string,OperationVersion:string,"
     "Protocol:string,ReferrerHeader:string,RequestBodySize:long,RequesterAppId:string,"
     "RequesterAudience:string,RequesterObjectId:string,RequesterTenantId:string,"
     "RequesterTokenIssuer:string,RequesterUpn:string,RequesterUserName:string,"
     "RequestHeaderSize:long,RequestMd5:string,_ResourceId:string,ResponseBodySize:long,"
     "ResponseHeaderSize:long,ResponseMd5:string,SchemaVersion:string,ServerLatencyMs:real,"
     "ServiceType:string,SmbCommandDetail:string,SmbCommandMajor:int,SmbCommandMinor:int,"
     "SmbCreditsConsumed:int,SmbFileId:long,SmbMessageID:long,SmbPersistentHandleID:long,"
     "SmbPrimarySID:string,SmbSessionID:long,SmbTreeConnectID:int,SmbVolatileHandleID:long,"
     "SourceSystem:string,StatusCode:string,StatusText:string,_SubscriptionId:string,"
     "TenantId:string,TimeGenerated:datetime,TlsVersion:string,Type:string,Uri:string,"
     "UserAgentHeader:string",
     NULL},
    /* Azure Monitor Logs table reference, Syslog (azure-monitor-ref/tables/syslog.md) */
    {"Syslog",
     "Computer:string,EventTime:datetime,Facility:string,HostIP:string,HostName:string,"
     "ProcessID:int,ProcessName:string,_ResourceId:string,SeverityLevel:string,SourceSystem:string,"
     "_SubscriptionId:string,SyslogMessage:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ThreatIntelligenceIndicator (azure-monitor-
     * ref/tables/threatintelligenceindicator.md; SourceSystem from the current page, azure-
     * monitor-ref/tables/includes/threatintelligenceindicator-include.md) */
    {"ThreatIntelligenceIndicator",
     "Action:string,Active:bool,ActivityGroupNames:string,AdditionalInformation:string,"
     "ConfidenceScore:real,Description:string,DiamondModel:string,DomainName:string,"
     "EmailEncoding:string,EmailLanguage:string,EmailRecipient:string,EmailSenderAddress:string,"
     "EmailSenderName:string,EmailSourceDomain:string,EmailSourceIpAddress:string,"
     "EmailSubject:string,EmailXMailer:string,ExpirationDateTime:datetime,"
     "ExternalIndicatorId:string,FileCompileDateTime:datetime,FileCreatedDateTime:datetime,"
     "FileHashType:string,FileHashValue:string,FileMutexName:string,FileName:string,"
     "FilePacker:string,FilePath:string,FileSize:int,FileType:string,IndicatorId:string,"
     "IndicatorProvider:string,KillChainActions:bool,KillChainC2:bool,KillChainDelivery:bool,"
     "KillChainExploitation:bool,KillChainReconnaissance:bool,KillChainWeaponization:bool,"
     "KnownFalsePositives:string,MalwareNames:string,NetworkCidrBlock:string,"
     "NetworkDestinationAsn:int,NetworkDestinationCidrBlock:string,NetworkDestinationIP:string,"
     "NetworkDestinationPort:int,NetworkIP:string,NetworkPort:int,NetworkProtocol:int,"
     "NetworkSourceAsn:int,NetworkSourceCidrBlock:string,NetworkSourceIP:string,"
     "NetworkSourcePort:int,PassiveOnly:bool,SourceSystem:string,Tags:string,TenantId:string,"
     "ThreatSeverity:int,ThreatType:string,TimeGenerated:datetime,"
     "TrafficLightProtocolLevel:string,Type:string,Url:string,UserAgent:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-urlclickevents-table; then the Log
     * Analytics variant's SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/urlclickevents-include.md) */
    {"UrlClickEvents",
     "Timestamp:datetime,Url:string,ActionType:string,AccountUpn:string,Workload:string,"
     "NetworkMessageId:string,ThreatTypes:string,DetectionMethods:string,IPAddress:string,"
     "IsClickedThrough:bool,UrlChain:string,ReportId:string,SourceSystem:string,TenantId:string,"
     "Type:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, W3CIISLog (azure-monitor-ref/tables/w3ciislog.md) */
    {"W3CIISLog",
     "AzureDeploymentID:string,cIP:string,Computer:string,Confidence:string,csBytes:long,"
     "csCookie:string,csHost:string,csMethod:string,csReferer:string,csUriQuery:string,"
     "csUriStem:string,csUserAgent:string,csUserName:string,csVersion:string,Description:string,"
     "FirstReportedDateTime:string,IndicatorThreatType:string,IsActive:string,"
     "LastReportedDateTime:string,MaliciousIP:string,ManagementGroupName:string,"
     "RemoteIPCountry:string,RemoteIPLatitude:real,RemoteIPLongitude:real,_ResourceId:string,"
     "Role:string,RoleInstance:string,scBytes:long,scStatus:string,scSubStatus:string,"
     "scWin32Status:string,Severity:int,sIP:string,SourceSystem:string,sPort:int,sSiteName:string,"
     "StorageAccount:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "TimeTaken:long,TLPLevel:string,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AADRiskyUsers (MicrosoftDocs/azure-reference-
     * other, azure-monitor-ref/tables/aadriskyusers.md) */
    {"AADRiskyUsers",
     "CorrelationId:string,Id:string,IsDeleted:bool,IsProcessing:bool,OperationName:string,"
     "RiskDetail:string,RiskLastUpdatedDateTime:datetime,RiskLevel:string,RiskState:string,"
     "SourceSystem:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "UserDisplayName:string,UserPrincipalName:string",
     NULL},
    /* Azure Monitor Logs table reference, ASimFileEventLogs (azure-monitor-ref/tables/
     * includes/asimfileeventlogs-include.md): the ingest-time normalized ASIM File
     * Event table; the hidden _BilledSize and _IsBillable are left out as elsewhere */
    {"ASimFileEventLogs",
     "ActingProcessCommandLine:string,ActingProcessGuid:string,ActingProcessId:string,"
     "ActingProcessName:string,ActorOriginalUserType:string,ActorScope:string,ActorScopeId:string,"
     "ActorSessionId:string,ActorUserAadId:string,ActorUserId:string,ActorUserIdType:string,"
     "ActorUsername:string,ActorUsernameType:string,ActorUserSid:string,ActorUserType:string,"
     "AdditionalFields:dynamic,DvcAction:string,DvcDescription:string,DvcDomain:string,"
     "DvcDomainType:string,DvcFQDN:string,DvcHostname:string,DvcId:string,DvcIdType:string,"
     "DvcInterface:string,DvcIpAddr:string,DvcMacAddr:string,DvcOriginalAction:string,"
     "DvcOs:string,DvcOsVersion:string,DvcScope:string,DvcScopeId:string,DvcZone:string,"
     "EventCount:int,EventEndTime:datetime,EventMessage:string,EventOriginalResultDetails:string,"
     "EventOriginalSeverity:string,EventOriginalSubType:string,EventOriginalType:string,"
     "EventOriginalUid:string,EventOwner:string,EventProduct:string,EventProductVersion:string,"
     "EventReportUrl:string,EventResult:string,EventResultDetails:string,EventSchema:string,"
     "EventSchemaVersion:string,EventSeverity:string,EventStartTime:datetime,EventSubType:string,"
     "EventType:string,EventVendor:string,HashType:string,HttpUserAgent:string,"
     "NetworkApplicationProtocol:string,_ResourceId:string,RuleName:string,RuleNumber:int,"
     "SourceSystem:string,SrcDescription:string,SrcDeviceType:string,SrcDomain:string,"
     "SrcDomainType:string,SrcDvcId:string,SrcDvcIdType:string,SrcDvcScope:string,"
     "SrcDvcScopeId:string,SrcFileCreationTime:datetime,SrcFileDirectory:string,"
     "SrcFileExtension:string,SrcFileMD5:string,SrcFileMimeType:string,SrcFileName:string,"
     "SrcFilePath:string,SrcFilePathType:string,SrcFileSHA1:string,SrcFileSHA256:string,"
     "SrcFileSHA512:string,SrcFileSize:long,SrcFQDN:string,SrcGeoCity:string,SrcGeoCountry:string,"
     "SrcGeoLatitude:real,SrcGeoLongitude:real,SrcGeoRegion:string,SrcHostname:string,"
     "SrcIpAddr:string,SrcMacAddr:string,SrcOriginalRiskLevel:string,SrcPortNumber:int,"
     "SrcRiskLevel:int,_SubscriptionId:string,TargetAppId:string,TargetAppName:string,"
     "TargetAppType:string,TargetFileCreationTime:datetime,TargetFileDirectory:string,"
     "TargetFileExtension:string,TargetFileMD5:string,TargetFileMimeType:string,"
     "TargetFileName:string,TargetFilePath:string,TargetFilePathType:string,TargetFileSHA1:string,"
     "TargetFileSHA256:string,TargetFileSHA512:string,TargetFileSize:long,"
     "TargetOriginalAppType:string,TargetUrl:string,TenantId:string,ThreatCategory:string,"
     "ThreatConfidence:int,ThreatField:string,ThreatFilePath:string,"
     "ThreatFirstReportedTime:datetime,ThreatId:string,ThreatIsActive:bool,"
     "ThreatLastReportedTime:datetime,ThreatName:string,ThreatOriginalConfidence:string,"
     "ThreatOriginalRiskLevel:string,ThreatRiskLevel:int,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ASimProcessEventLogs (azure-monitor-ref/
     * tables/includes/asimprocesseventlogs-include.md): the ingest-time normalized
     * ASIM Process Event table; _BilledSize and _IsBillable left out */
    {"ASimProcessEventLogs",
     "ActingProcessCommandLine:string,ActingProcessCreationTime:datetime,"
     "ActingProcessFileCompany:string,ActingProcessFileDescription:string,"
     "ActingProcessFileInternalName:string,ActingProcessFilename:string,"
     "ActingProcessFileOriginalName:string,ActingProcessFileProduct:string,"
     "ActingProcessFileSize:long,ActingProcessFileVersion:string,ActingProcessGuid:string,"
     "ActingProcessId:string,ActingProcessIMPHASH:string,ActingProcessInjectedAddress:string,"
     "ActingProcessIntegrityLevel:string,ActingProcessIsHidden:bool,ActingProcessMD5:string,"
     "ActingProcessName:string,ActingProcessSHA1:string,ActingProcessSHA256:string,"
     "ActingProcessSHA512:string,ActingProcessTokenElevation:string,ActorOriginalUserType:string,"
     "ActorScope:string,ActorScopeId:string,ActorSessionId:string,ActorUserId:string,"
     "ActorUserIdType:string,ActorUsername:string,ActorUsernameType:string,ActorUserType:string,"
     "AdditionalFields:dynamic,DvcAction:string,DvcDescription:string,DvcDomain:string,"
     "DvcDomainType:string,DvcFQDN:string,DvcHostname:string,DvcId:string,DvcIdType:string,"
     "DvcInterface:string,DvcIpAddr:string,DvcMacAddr:string,DvcOriginalAction:string,"
     "DvcOs:string,DvcOsVersion:string,DvcScope:string,DvcScopeId:string,DvcZone:string,"
     "EventCount:int,EventEndTime:datetime,EventMessage:string,EventOriginalResultDetails:string,"
     "EventOriginalSeverity:string,EventOriginalSubType:string,EventOriginalType:string,"
     "EventOriginalUid:string,EventOwner:string,EventProduct:string,EventProductVersion:string,"
     "EventReportUrl:string,EventResult:string,EventResultDetails:string,"
     "EventSchemaVersion:string,EventSeverity:string,EventStartTime:datetime,EventSubType:string,"
     "EventType:string,EventVendor:string,ParentProcessCreationTime:datetime,"
     "ParentProcessFileCompany:string,ParentProcessFileDescription:string,"
     "ParentProcessFileProduct:string,ParentProcessFileVersion:string,ParentProcessGuid:string,"
     "ParentProcessId:string,ParentProcessIMPHASH:string,ParentProcessInjectedAddress:string,"
     "ParentProcessIntegrityLevel:string,ParentProcessIsHidden:bool,ParentProcessMD5:string,"
     "ParentProcessName:string,ParentProcessSHA1:string,ParentProcessSHA256:string,"
     "ParentProcessSHA512:string,ParentProcessTokenElevation:string,_ResourceId:string,"
     "RuleName:string,RuleNumber:int,SourceSystem:string,_SubscriptionId:string,"
     "TargetOriginalUserType:string,TargetProcessCommandLine:string,"
     "TargetProcessCreationTime:datetime,TargetProcessCurrentDirectory:string,"
     "TargetProcessFileCompany:string,TargetProcessFileDescription:string,"
     "TargetProcessFileInternalName:string,TargetProcessFilename:string,"
     "TargetProcessFileOriginalName:string,TargetProcessFileProduct:string,"
     "TargetProcessFileSize:long,TargetProcessFileVersion:string,TargetProcessGuid:string,"
     "TargetProcessId:string,TargetProcessIMPHASH:string,TargetProcessInjectedAddress:string,"
     "TargetProcessIntegrityLevel:string,TargetProcessIsHidden:bool,TargetProcessMD5:string,"
     "TargetProcessName:string,TargetProcessSHA1:string,TargetProcessSHA256:string,"
     "TargetProcessSHA512:string,TargetProcessStatusCode:string,"
     "TargetProcessTokenElevation:string,TargetScope:string,TargetScopeId:string,"
     "TargetUserId:string,TargetUserIdType:string,TargetUsername:string,TargetUsernameType:string,"
     "TargetUserSessionGuid:string,TargetUserSessionId:string,TargetUserType:string,"
     "TenantId:string,ThreatCategory:string,ThreatConfidence:int,ThreatField:string,"
     "ThreatFirstReportedTime:datetime,ThreatId:string,ThreatIsActive:bool,"
     "ThreatLastReportedTime:datetime,ThreatName:string,ThreatOriginalConfidence:string,"
     "ThreatOriginalRiskLevel:string,ThreatRiskLevel:int,TimeGenerated:datetime,Type:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-behaviorentities-table */
    {"BehaviorEntities",
     "Timestamp:datetime,BehaviorId:string,ActionType:string,Categories:string,"
     "ServiceSource:string,DetectionSource:string,DataSources:string,EntityType:string,"
     "EntityRole:string,DetailedEntityRole:string,FileName:string,FolderPath:string,SHA1:string,"
     "SHA256:string,FileSize:long,ThreatFamily:string,RemoteIP:string,RemoteUrl:string,"
     "AccountName:string,AccountDomain:string,AccountSid:string,AccountObjectId:string,"
     "AccountUpn:string,DeviceId:string,DeviceName:string,LocalIP:string,NetworkMessageId:string,"
     "EmailSubject:string,EmailClusterId:string,Application:string,ApplicationId:int,"
     "OAuthApplicationId:string,ProcessCommandLine:string,RegistryKey:string,"
     "RegistryValueName:string,RegistryValueData:string,AdditionalFields:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, CoreAzureBackup (azure-monitor-ref/tables/
     * coreazurebackup.md) */
    {"CoreAzureBackup",
     "AgentVersion:string,ArchiveTierLatestRecoveryPointLocation:string,"
     "ArchiveTierLatestRecoveryPointTime:datetime,ArchiveTierOldestRecoveryPointLocation:string,"
     "ArchiveTierOldestRecoveryPointTime:datetime,ArchiveTierStorageConsumedInMBs:real,"
     "ArchiveTierStorageReplicationType:string,AzureBackupAgentVersion:string,"
     "AzureDataCenter:string,BackupItemAppVersion:string,BackupItemFriendlyName:string,"
     "BackupItemFrontEndSize:real,BackupItemId:string,BackupItemName:string,"
     "BackupItemProtectionState:string,BackupItemType:string,BackupItemUniqueId:string,"
     "BackupManagementServerName:string,BackupManagementServerOSVersion:string,"
     "BackupManagementServerType:string,BackupManagementServerUniqueId:string,"
     "BackupManagementServerVersion:string,BackupManagementType:string,"
     "BillingGroupFriendlyName:string,BillingGroupUniqueId:string,Category:string,"
     "DatasourceFriendlyName:string,DatasourceResourceGroupName:string,DatasourceResourceId:string,"
     "DatasourceSetFriendlyName:string,DatasourceSetResourceId:string,DatasourceSetType:string,"
     "DatasourceSubscriptionId:string,DatasourceType:string,IsArchiveEnabled:bool,"
     "LatestRecoveryPointLocation:string,LatestRecoveryPointTime:datetime,"
     "OldestRecoveryPointLocation:string,OldestRecoveryPointTime:datetime,OperationName:string,"
     "PolicyId:string,PolicyName:string,PolicyUniqueId:string,"
     "ProtectedContainerFriendlyName:string,ProtectedContainerLocation:string,"
     "ProtectedContainerName:string,ProtectedContainerOSType:string,"
     "ProtectedContainerOSVersion:string,ProtectedContainerProtectionState:string,"
     "ProtectedContainerType:string,ProtectedContainerUniqueId:string,"
     "ProtectedContainerWorkloadType:string,ProtectionGroupName:string,ResourceGroupName:string,"
     "_ResourceId:string,ResourceId:string,SchemaVersion:string,"
     "SecondaryBackupProtectionState:string,SourceSystem:string,State:string,"
     "StorageConsumedInMBs:real,StorageReplicationType:string,SubscriptionId:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,VaultName:string,"
     "VaultTags:string,VaultType:string,VaultUniqueId:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicenetworkinfo-table */
    {"DeviceNetworkInfo",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,NetworkAdapterName:string,"
     "MacAddress:string,NetworkAdapterType:string,NetworkAdapterStatus:string,TunnelType:string,"
     "ConnectedNetworks:string,DnsAddresses:string,IPv4Dhcp:string,IPv6Dhcp:string,"
     "DefaultGateways:string,IPAddresses:string,ReportId:long,NetworkAdapterVendor:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, Dynamics365Activity (azure-monitor-ref/tables/
     * dynamics365activity.md) */
    {"Dynamics365Activity",
     "ClientIP:string,CorrelationId:string,CrmOrganizationUniqueName:string,EntityId:string,"
     "EntityName:string,Fields:dynamic,InstanceUrl:string,ItemType:string,ItemUrl:string,"
     "Message:string,OfficeWorkload:string,Operation:string,OrganizationId:string,"
     "OriginalObjectId:string,Query:string,QueryResults:dynamic,RecordType:string,"
     "_ResourceId:string,ResultStatus:string,ServiceName:string,SourceRecordId:string,"
     "SourceSystem:string,_SubscriptionId:string,SystemUserId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,UserAgent:string,UserId:string,UserKey:string,"
     "UserType:string",
     NULL},
    /* Azure Monitor Logs table reference, LAQueryLogs (azure-monitor-ref/tables/includes/
     * laquerylogs-include.md); _BilledSize and _IsBillable left out */
    {"LAQueryLogs",
     "AADClientId:string,AADEmail:string,AADObjectId:string,AADTenantId:string,"
     "CorrelationId:string,IsBillableQuery:bool,IsWorkspaceInFailover:bool,QueryText:string,"
     "QueryTimeRangeEnd:datetime,QueryTimeRangeStart:datetime,RequestClientApp:string,"
     "RequestContext:dynamic,RequestContextFilters:dynamic,RequestTarget:string,"
     "_ResourceId:string,ResponseCode:int,ResponseDurationMs:real,ResponseRowCount:int,"
     "ScannedGB:real,SourceSystem:string,StatsCPUTimeMs:real,StatsDataProcessedEnd:datetime,"
     "StatsDataProcessedStart:datetime,StatsRegionCount:int,StatsWorkspaceCount:int,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "WorkspaceRegion:string",
     NULL},
    /* Azure Monitor Logs table reference, StorageBlobLogs (azure-monitor-ref/tables/
     * storagebloblogs.md) */
    {"StorageBlobLogs",
     "AccountName:string,AuthenticationHash:string,AuthenticationType:string,"
     "AuthorizationDetails:dynamic,CallerIpAddress:string,Category:string,ClientRequestId:string,"
     "ConditionsUsed:string,ContentLengthHeader:long,CorrelationId:string,DurationMs:real,"
     "Etag:string,LastModifiedTime:datetime,Location:string,OperationCount:int,"
     "OperationName:string,OperationVersion:string,Protocol:string,ReferrerHeader:string,"
     "RequestBodySize:long,RequesterAppId:string,RequesterAudience:string,"
     "RequesterObjectId:string,RequesterTenantId:string,RequesterTokenIssuer:string,"
     "RequesterUpn:string,RequestHeaderSize:long,RequestMd5:string,_ResourceId:string,"
     "ResponseBodySize:long,ResponseHeaderSize:long,ResponseMd5:string,SchemaVersion:string,"
     "ServerLatencyMs:real,ServiceType:string,SourceSystem:string,StatusCode:string,"
     "StatusText:string,TenantId:string,TimeGenerated:datetime,TlsVersion:string,Type:string,"
     "Uri:string,UserAgentHeader:string",
     NULL},

    /* Defender XDR advanced hunting reference, advanced-hunting-behaviorinfo-table */
    {"BehaviorInfo",
     "Timestamp:datetime,BehaviorId:string,ActionType:string,Description:string,Categories:string,"
     "AttackTechniques:string,ServiceSource:string,DetectionSource:string,DataSources:string,"
     "DeviceId:string,AccountUpn:string,AccountObjectId:string,StartTime:datetime,"
     "EndTime:datetime,AdditionalFields:string,Title:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-emailpostdeliveryevents-table */
    {"EmailPostDeliveryEvents",
     "Timestamp:datetime,NetworkMessageId:string,InternetMessageId:string,Action:string,"
     "ActionType:string,ActionTrigger:string,ActionResult:string,RecipientEmailAddress:string,"
     "DeliveryLocation:string,ThreatTypes:string,DetectionMethods:string,ReportId:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-exposuregraphnodes-table
     * (a graph of entities: no time column) */
    {"ExposureGraphNodes",
     "NodeId:string,NodeLabel:string,NodeName:string,Categories:dynamic,NodeProperties:dynamic,"
     "EntityIds:dynamic",
     NULL},
    /* Azure Monitor Logs table reference, MicrosoftGraphActivityLogs (azure-monitor-ref/
     * tables/includes/microsoftgraphactivitylogs-include.md); _BilledSize, _IsBillable left out */
    {"MicrosoftGraphActivityLogs",
     "AadTenantId:string,ApiVersion:string,AppId:string,ATContent:string,ClientAuthMethod:int,"
     "ClientRequestId:string,DurationMs:int,IdentityProvider:string,IPAddress:string,"
     "Location:string,OperationId:string,RequestId:string,RequestMethod:string,RequestUri:string,"
     "ResponseSizeBytes:int,ResponseStatusCode:int,Roles:string,Scopes:string,"
     "ServicePrincipalId:string,SignInActivityId:string,SourceSystem:string,TenantId:string,"
     "TimeGenerated:datetime,TokenIssuedAt:datetime,Type:string,UserAgent:string,UserId:string,"
     "Wids:string",
     NULL},

    /* --- the next most queried tables of the published hunting queries --- */
    /* Defender XDR advanced hunting reference,
     * advanced-hunting-devicetvmsoftwarevulnerabilities-table; then the Log Analytics variant's
     * SourceSystem, TenantId, TimeGenerated, Type
     * (azure-monitor-ref/tables/includes/devicetvmsoftwarevulnerabilities-include.md) */
    {"DeviceTvmSoftwareVulnerabilities",
     "DeviceId:string,DeviceName:string,OSPlatform:string,OSVersion:string,OSArchitecture:string,"
     "SoftwareVendor:string,SoftwareName:string,SoftwareVersion:string,CveId:string,"
     "VulnerabilitySeverityLevel:string,RecommendedSecurityUpdate:string,"
     "RecommendedSecurityUpdateId:string,CveTags:dynamic,SourceSystem:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicefilecertificateinfo-table;
     * then the Log Analytics variant's MachineGroup, SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/devicefilecertificateinfo-include.md) */
    {"DeviceFileCertificateInfo",
     "Timestamp:datetime,DeviceId:string,DeviceName:string,SHA1:string,IsSigned:bool,"
     "SignatureType:string,Signer:string,SignerHash:string,Issuer:string,IssuerHash:string,"
     "CertificateSerialNumber:string,CrlDistributionPointUrls:string,"
     "CertificateCreationTime:datetime,CertificateExpirationTime:datetime,"
     "CertificateCountersignatureTime:datetime,IsTrusted:bool,IsRootSignerMicrosoft:bool,"
     "ReportId:long,MachineGroup:string,SourceSystem:string,TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference,
     * advanced-hunting-devicetvmsecureconfigurationassessment-table; then the Log Analytics
     * variant's SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/devicetvmsecureconfigurationassessment-include.md);
     * TimeGenerated there is the Log Analytics name of Timestamp, kept as the alias */
    {"DeviceTvmSecureConfigurationAssessment",
     "DeviceId:string,DeviceName:string,OSPlatform:string,Timestamp:datetime,"
     "ConfigurationId:string,ConfigurationCategory:string,ConfigurationSubcategory:string,"
     "ConfigurationImpact:real,IsCompliant:bool,IsApplicable:bool,Context:dynamic,"
     "IsExpectedUserImpact:bool,SourceSystem:string,TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicetvmsoftwareinventory-table;
     * then the Log Analytics variant's SourceSystem, TenantId, TimeGenerated, Type
     * (azure-monitor-ref/tables/includes/devicetvmsoftwareinventory-include.md) */
    {"DeviceTvmSoftwareInventory",
     "DeviceId:string,DeviceName:string,OSPlatform:string,OSVersion:string,OSArchitecture:string,"
     "SoftwareVendor:string,SoftwareName:string,SoftwareVersion:string,EndOfSupportStatus:string,"
     "EndOfSupportDate:datetime,ProductCodeCpe:string,SourceSystem:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-identityqueryevents-table; then the
     * Log Analytics variant's SourceSystem, TenantId, Type
     * (azure-monitor-ref/tables/includes/identityqueryevents-include.md) */
    {"IdentityQueryEvents",
     "Timestamp:datetime,ActionType:string,Application:string,QueryType:string,QueryTarget:string,"
     "Query:string,Protocol:string,AccountName:string,AccountDomain:string,AccountUpn:string,"
     "AccountSid:string,AccountObjectId:string,AccountDisplayName:string,DeviceName:string,"
     "IPAddress:string,Port:int,DestinationDeviceName:string,DestinationIPAddress:string,"
     "DestinationPort:int,TargetDeviceName:string,TargetAccountUpn:string,"
     "TargetAccountDisplayName:string,Location:string,ReportId:string,AdditionalFields:dynamic,"
     "SourceSystem:string,TenantId:string,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-exposuregraphedges-table; a graph
     * of entities: no time column */
    {"ExposureGraphEdges",
     "EdgeId:string,EdgeLabel:string,SourceNodeId:string,SourceNodeName:string,"
     "SourceNodeLabel:string,SourceNodeCategories:dynamic,TargetNodeId:string,"
     "TargetNodeName:string,TargetNodeLabel:string,TargetNodeCategories:dynamic,"
     "EdgeProperties:dynamic",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicetvminfogathering-table */
    {"DeviceTvmInfoGathering",
     "Timestamp:datetime,LastSeenTime:datetime,DeviceId:string,DeviceName:string,"
     "OSPlatform:string,AdditionalFields:dynamic",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicetvmbrowserextensions-table;
     * no time column */
    {"DeviceTvmBrowserExtensions",
     "DeviceId:string,BrowserName:string,ExtensionId:string,ExtensionName:string,"
     "ExtensionDescription:string,ExtensionVersion:string,ExtensionRisk:string,"
     "ExtensionVendor:string,IsActivated:string,InstallationTime:datetime",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-oauthappinfo-table */
    {"OAuthAppInfo",
     "ReportId:string,Timestamp:datetime,OAuthAppId:string,ServicePrincipalId:string,"
     "AppName:string,AddedOnTime:datetime,LastModifiedTime:datetime,AppStatus:string,"
     "VerifiedPublisher:dynamic,PrivilegeLevel:string,Permissions:dynamic,ConsentedUsersCount:int,"
     "IsAdminConsented:bool,AppOrigin:string,LastUsedTime:datetime,AppOwnerTenantId:string,"
     "RiskScore:int,AssignedRoles:dynamic",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-entraidsigninevents-table
     * (ms.date 2026-07-27), the successor of AADSignInEventsBeta; the page's TimeGenerated is
     * the time alias */
    {"EntraIdSignInEvents",
     "Timestamp:datetime,Application:string,ApplicationId:string,LogonType:string,"
     "EndpointCall:string,ErrorCode:int,CorrelationId:string,SessionId:string,"
     "AccountDisplayName:string,AccountObjectId:string,AccountUpn:string,IsExternalUser:int,"
     "IsGuestUser:bool,AlternateSignInName:string,LastPasswordChangeTimestamp:datetime,"
     "ResourceDisplayName:string,ResourceId:string,ResourceTenantId:string,DeviceName:string,"
     "OSPlatform:string,DeviceTrustType:string,IsManaged:int,IsCompliant:int,"
     "AuthenticationProcessingDetails:string,AuthenticationRequirement:string,"
     "TokenIssuerType:string,RiskLevelAggregated:int,RiskLevelDuringSignIn:int,"
     "RiskEventTypes:string,RiskState:int,UserAgent:string,ClientAppUsed:string,Browser:string,"
     "ConditionalAccessPolicies:string,ConditionalAccessStatus:int,IPAddress:string,"
     "Country:string,State:string,City:string,Latitude:string,Longitude:string,"
     "NetworkLocationDetails:string,RequestId:string,ReportId:string,EntraIdDeviceId:string,"
     "GatewayJA4:string,TenantId:string,Type:string,SourceSystem:string,UniqueTokenId:string,"
     "IsSignInThroughGlobalSecureAccess:bool",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference,
     * advanced-hunting-devicetvmsecureconfigurationassessmentkb-table; then the Log Analytics
     * variant's RelatedMitreTactics, RelatedMitreTechniques, SourceSystem, TenantId, Timestamp,
     * Type (azure-monitor-ref/tables/includes/
     * devicetvmsecureconfigurationassessmentkb-include.md) */
    {"DeviceTvmSecureConfigurationAssessmentKB",
     "ConfigurationId:string,ConfigurationImpact:real,ConfigurationName:string,"
     "ConfigurationDescription:string,RiskDescription:string,ConfigurationCategory:string,"
     "ConfigurationSubcategory:string,ConfigurationBenchmarks:dynamic,Tags:dynamic,"
     "RemediationOptions:string,RelatedMitreTactics:dynamic,RelatedMitreTechniques:dynamic,"
     "SourceSystem:string,TenantId:string,Timestamp:datetime,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference,
     * advanced-hunting-devicetvmsoftwarevulnerabilitieskb-table; then the Log Analytics variant's
     * SourceSystem, TenantId, Timestamp, Type
     * (azure-monitor-ref/tables/includes/devicetvmsoftwarevulnerabilitieskb-include.md) */
    {"DeviceTvmSoftwareVulnerabilitiesKB",
     "CveId:string,CvssScore:string,IsExploitAvailable:bool,VulnerabilitySeverityLevel:string,"
     "LastModifiedTime:datetime,PublishedDate:datetime,VulnerabilityDescription:string,"
     "AffectedSoftware:dynamic,SourceSystem:string,TenantId:string,Timestamp:datetime,Type:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicetvmbrowserextensionskb-table;
     * no time column */
    {"DeviceTvmBrowserExtensionsKB",
     "BrowserName:string,ExtensionId:string,ExtensionName:string,ExtensionDescription:string,"
     "ExtensionVersion:dynamic,ExtensionRisk:string,PermissionId:string,PermissionName:string,"
     "PermissionDescription:string,PermissionRisk:string,IsPermissionRequired:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-aadspnsignineventsbeta-table */
    {"AADSpnSignInEventsBeta",
     "Timestamp:datetime,Application:string,ApplicationId:string,IsManagedIdentity:bool,"
     "ErrorCode:int,CorrelationId:string,ServicePrincipalName:string,ServicePrincipalId:string,"
     "ResourceDisplayName:string,ResourceId:string,ResourceTenantId:string,IPAddress:string,"
     "Country:string,State:string,City:string,Latitude:string,Longitude:string,RequestId:string,"
     "ReportId:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, Anomalies
     * (azure-monitor-ref/tables/includes/anomalies-include.md) */
    {"Anomalies",
     "ActivityInsights:dynamic,AnomalyDetails:dynamic,AnomalyReasons:dynamic,"
     "AnomalyTemplateId:string,AnomalyTemplateName:string,AnomalyTemplateVersion:string,"
     "Description:string,DestinationDevice:string,DestinationIpAddress:string,"
     "DestinationLocation:dynamic,DeviceInsights:dynamic,EndTime:datetime,Entities:dynamic,"
     "ExtendedLinks:dynamic,ExtendedProperties:dynamic,Id:string,RuleConfigVersion:string,"
     "RuleId:string,RuleName:string,RuleStatus:string,Score:real,SourceDevice:string,"
     "SourceIpAddress:string,SourceLocation:dynamic,SourceSystem:string,StartTime:datetime,"
     "Tactics:string,Techniques:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "UserInsights:dynamic,UserName:string,UserPrincipalName:string,VendorName:string,"
     "WorkspaceId:string",
     NULL},
    /* Azure Monitor Logs table reference, Usage
     * (azure-monitor-ref/tables/includes/usage-include.md); TenantId added */
    {"Usage",
     "AvgLatencyInSeconds:real,BatchesCapped:long,BatchesOutsideSla:long,BatchesWithinSla:long,"
     "Computer:string,DataType:string,EndTime:datetime,IsBillable:bool,LinkedMeterId:string,"
     "LinkedResourceUri:string,MeterId:string,Quantity:real,QuantityUnit:string,"
     "ResourceUri:string,Solution:string,SourceSystem:string,StartTime:datetime,TenantId:string,"
     "TimeGenerated:datetime,TotalBatches:long,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ADFSSignInLogs
     * (azure-monitor-ref/tables/includes/adfssigninlogs-include.md) */
    {"ADFSSignInLogs",
     "AlternateSignInName:string,AppDisplayName:string,AppId:string,AuthenticationDetails:string,"
     "AuthenticationProcessingDetails:string,AuthenticationRequirement:string,"
     "AuthenticationRequirementPolicies:string,Category:string,ConditionalAccessPolicies:string,"
     "ConditionalAccessStatus:string,CorrelationId:string,CreatedDateTime:datetime,"
     "DeviceDetail:string,DurationMs:long,Id:string,Identity:string,IPAddress:string,"
     "IsInteractive:bool,Level:string,Location:string,NetworkLocationDetails:string,"
     "OperationName:string,OperationVersion:string,OriginalRequestId:string,"
     "ProcessingTimeInMs:string,Requirement:string,ResourceDisplayName:string,"
     "ResourceGroup:string,ResourceIdentity:string,ResourceTenantId:string,"
     "ResultDescription:string,ResultSignature:string,ResultType:string,SourceSystem:string,"
     "Status:string,TenantId:string,TimeGenerated:datetime,TokenIssuerName:string,"
     "TokenIssuerType:string,Type:string,UniqueTokenIdentifier:string,UserAgent:string,"
     "UserDisplayName:string,UserId:string,UserPrincipalName:string",
     NULL},
    /* Azure Monitor Logs table reference, AADServicePrincipalSignInLogs
     * (azure-monitor-ref/tables/includes/aadserviceprincipalsigninlogs-include.md) */
    {"AADServicePrincipalSignInLogs", aad_app_signin_columns, NULL},
    /* Azure Monitor Logs table reference, AADManagedIdentitySignInLogs
     * (azure-monitor-ref/tables/includes/aadmanagedidentitysigninlogs-include.md) */
    {"AADManagedIdentitySignInLogs", aad_app_signin_columns, NULL},
    /* Azure Monitor Logs table reference, AzureMetrics
     * (azure-monitor-ref/tables/includes/azuremetrics-include.md); TenantId added */
    {"AzureMetrics",
     "Average:real,CallerIpAddress:string,Category:string,Confidence:string,CorrelationId:string,"
     "Count:real,Description:string,DurationMs:long,FirstReportedDateTime:string,"
     "IndicatorThreatType:string,IsActive:string,LastReportedDateTime:string,MaliciousIP:string,"
     "Maximum:real,MetricName:string,Minimum:real,OperationName:string,OperationVersion:string,"
     "RemoteIPCountry:string,RemoteIPLatitude:real,RemoteIPLongitude:real,Resource:string,"
     "ResourceGroup:string,ResourceId:string,_ResourceId:string,ResourceProvider:string,"
     "ResultDescription:string,ResultSignature:string,ResultType:string,Severity:int,"
     "SourceSystem:string,SubscriptionId:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,TimeGrain:string,TLPLevel:string,Total:real,Type:string,"
     "UnitName:string",
     NULL},
    /* Azure Monitor Logs table reference, Update
     * (azure-monitor-ref/tables/includes/update-include.md); TenantId added */
    {"Update",
     "ApprovalSource:string,Approved:bool,BulletinID:string,BulletinUrl:string,"
     "Classification:string,Computer:string,ComputerEnvironment:string,CVENumbers:string,"
     "InstallTimeAvailable:bool,InstallTimeDeviationRangeSeconds:real,"
     "InstallTimePredictionSeconds:real,KBID:string,ManagementGroupName:string,"
     "MSRCBulletinID:string,MSRCSeverity:string,Optional:bool,OSFullName:string,OSName:string,"
     "OSType:string,OSVersion:string,PackageRepository:string,PackageSeverity:string,"
     "Product:string,ProductArch:string,ProductVersion:string,PublishedDate:datetime,"
     "RebootBehavior:string,Resource:string,ResourceGroup:string,ResourceId:string,"
     "_ResourceId:string,ResourceProvider:string,ResourceType:string,RevisionNumber:string,"
     "SourceComputerId:string,SourceSystem:string,SubscriptionId:string,_SubscriptionId:string,"
     "TenantId:string,TimeGenerated:datetime,Title:string,Type:string,UpdateID:string,"
     "UpdateState:string,VMUUID:string",
     NULL},
    /* Azure Monitor Logs table reference, Perf (azure-monitor-ref/tables/includes/perf-include.md);
     * TenantId added */
    {"Perf",
     "BucketEndTime:datetime,BucketStartTime:datetime,Computer:string,CounterName:string,"
     "CounterPath:string,CounterValue:real,InstanceName:string,Max:real,Min:real,"
     "ObjectName:string,_ResourceId:string,SampleCount:int,SourceSystem:string,"
     "StandardDeviation:real,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, SentinelHealth
     * (azure-monitor-ref/tables/includes/sentinelhealth-include.md) */
    {"SentinelHealth",
     "Description:string,ExtendedProperties:dynamic,OperationName:string,Reason:string,"
     "RecordId:string,SentinelResourceId:string,SentinelResourceKind:string,"
     "SentinelResourceName:string,SentinelResourceType:string,SourceSystem:string,Status:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string,WorkspaceId:string",
     NULL},
    /* Azure Monitor Logs table reference, IntuneOperationalLogs
     * (azure-monitor-ref/tables/includes/intuneoperationallogs-include.md); TenantId added */
    {"IntuneOperationalLogs",
     "Category:string,OperationName:string,Properties:string,Result:string,SourceSystem:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, InsightsMetrics
     * (azure-monitor-ref/tables/includes/insightsmetrics-include.md); TenantId added */
    {"InsightsMetrics",
     "AgentId:string,Computer:string,Name:string,Namespace:string,Origin:string,"
     "_ResourceId:string,SourceSystem:string,_SubscriptionId:string,Tags:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,Val:real,Value:string",
     NULL},

    /* Azure Monitor Logs table reference, ApiManagementGatewayLogs
     * (azure-monitor-ref/tables/includes/apimanagementgatewaylogs-include.md); the page lists
     * both Timestamp and TimeGenerated, each a column of its own (an exact name binds first,
     * engine/bind.c); time_alias names TimeGenerated as for every table with a Timestamp */
    {"ApiManagementGatewayLogs",
     "ApiId:string,ApimSubscriptionId:string,ApiRevision:string,BackendId:string,"
     "BackendMethod:string,BackendProtocol:string,BackendRequestBody:string,"
     "BackendRequestHeaders:dynamic,BackendResponseBody:string,BackendResponseCode:int,"
     "BackendResponseHeaders:dynamic,BackendTime:long,BackendUrl:string,Cache:string,"
     "CacheTime:long,CallerIpAddress:string,Category:string,ClientProtocol:string,ClientTime:long,"
     "ClientTlsVersion:string,CorrelationId:string,Errors:dynamic,IsMasterTrace:bool,"
     "IsRequestSuccess:bool,IsTraceAllowed:bool,IsTraceExpired:bool,IsTraceRequested:bool,"
     "LastErrorElapsed:long,LastErrorMessage:string,LastErrorReason:string,LastErrorScope:string,"
     "LastErrorSection:string,LastErrorSource:string,Method:string,OperationId:string,"
     "OperationName:string,ProductId:string,Region:string,RequestBody:string,"
     "RequestHeaders:dynamic,RequestSize:int,_ResourceId:string,ResponseBody:string,"
     "ResponseCode:int,ResponseHeaders:dynamic,ResponseSize:int,SourceSystem:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Timestamp:datetime,"
     "TotalTime:long,TraceRecords:dynamic,Type:string,Url:string,UserId:string",
     "TimeGenerated"},
    /* Azure Monitor Logs table reference, SecurityNestedRecommendation
     * (azure-monitor-ref/tables/includes/securitynestedrecommendation-include.md) */
    {"SecurityNestedRecommendation",
     "AdditionalData:dynamic,AssessedResourceId:string,Category:string,Cause:string,"
     "Description:string,Id:string,Impact:string,IsSnapshot:bool,NestedRecommendationId:string,"
     "ParentRecommendationId:string,RecommendationLink:string,RecommendationName:string,"
     "RecommendationSeverity:string,RecommendationState:string,"
     "RecommendationSubscriptionId:string,RemediationDescription:string,"
     "RemidiationDescription:string,ResourceDetails:dynamic,ResourceGroup:string,"
     "_ResourceId:string,ResourceProviderType:string,SourceSystem:string,"
     "SubAssessmentTimeGeneration:datetime,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,VulnerabilityId:string",
     NULL},
    /* Azure Monitor Logs table reference, WireData
     * (azure-monitor-ref/tables/includes/wiredata-include.md); TenantId added */
    {"WireData",
     "ApplicationProtocol:string,ApplicationServiceName:string,Computer:string,Confidence:string,"
     "Description:string,Direction:string,FirstReportedDateTime:string,IndicatorThreatType:string,"
     "IPVersion:string,IsActive:string,LastReportedDateTime:string,LatencyMilliseconds:int,"
     "LatencySamplingFailureRate:string,LatencySamplingTimeStamp:datetime,LocalIP:string,"
     "LocalMAC:string,LocalPortNumber:int,LocalSubnet:string,MaliciousIP:string,"
     "ManagementGroupName:string,ProcessID:int,ProcessName:string,ProtocolName:string,"
     "ReceivedBytes:long,ReceivedPackets:long,RemoteIP:string,RemoteIPCountry:string,"
     "RemoteIPLatitude:real,RemoteIPLongitude:real,RemoteMAC:string,RemotePortNumber:int,"
     "_ResourceId:string,SentBytes:long,SentPackets:long,SequenceNumber:long,"
     "SessionEndTime:datetime,SessionID:string,SessionStartTime:datetime,SessionState:string,"
     "Severity:int,SourceSystem:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,TLPLevel:string,TotalBytes:long,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, SecurityRecommendation
     * (azure-monitor-ref/tables/includes/securityrecommendation-include.md); TenantId added */
    {"SecurityRecommendation",
     "AssessedResourceId:string,Description:string,DeviceId:string,DiscoveredTimeUTC:datetime,"
     "Environment:string,FirstEvaluationDate:datetime,IsSnapshot:bool,PolicyDefinitionId:string,"
     "Properties:dynamic,ProviderName:string,RecommendationAdditionalData:dynamic,"
     "RecommendationDisplayName:string,RecommendationId:string,RecommendationName:string,"
     "RecommendationSeverity:string,RecommendationState:string,ResolvedTimeUTC:datetime,"
     "ResourceRegion:string,StatusChangeDate:datetime,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ABSBotRequests
     * (azure-monitor-ref/tables/includes/absbotrequests-include.md) */
    {"ABSBotRequests",
     "BotId:string,Category:string,Channel:string,CorrelationId:string,DurationMs:real,"
     "Level:string,Location:string,OperationName:string,_ResourceId:string,ResultCode:int,"
     "SourceSystem:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, IntuneAuditLogs
     * (azure-monitor-ref/tables/includes/intuneauditlogs-include.md); TenantId added */
    {"IntuneAuditLogs",
     "Category:string,CorrelationId:string,Identity:string,OperationName:string,Properties:string,"
     "ResultDescription:string,ResultType:string,SourceSystem:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, WVDConnections
     * (azure-monitor-ref/tables/includes/wvdconnections-include.md) */
    {"WVDConnections",
     "AadTenantId:string,ClientOS:string,ClientSideIPAddress:string,ClientType:string,"
     "ClientVersion:string,ConnectionType:string,CorrelationId:string,GatewayRegion:string,"
     "IsClientPrivateLink:string,IsSessionHostPrivateLink:string,PredecessorConnectionId:string,"
     "ResourceAlias:string,_ResourceId:string,SessionHostAgentVersion:string,"
     "SessionHostAzureVmId:string,SessionHostIPAddress:string,SessionHostJoinType:string,"
     "SessionHostName:string,SessionHostOSDescription:string,SessionHostOSVersion:string,"
     "SessionHostPoolType:string,SessionHostSessionId:string,SessionHostSxSStackVersion:string,"
     "SourceSystem:string,State:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,UdpUse:string,UserName:string",
     NULL},
    /* Azure Monitor Logs table reference, ConfigurationChange
     * (azure-monitor-ref/tables/includes/configurationchange-include.md); TenantId added */
    {"ConfigurationChange",
     "Acls:string,Attributes:string,ChangeCategory:string,Computer:string,ConfigChangeType:string,"
     "Current:string,DateCreated:datetime,DateModified:datetime,FieldsChanged:string,"
     "FileContentChecksum:string,FileSystemPath:string,Hive:string,LastSnapshotAge:long,"
     "Location:string,ManagementGroupName:string,Name:string,Previous:string,PreviousAcls:string,"
     "PreviousAttributes:string,PreviousDateCreated:datetime,PreviousDateModified:datetime,"
     "PreviousFileContentChecksum:string,PreviousSize:long,PreviousValueData:string,"
     "PreviousValueType:string,Publisher:string,RegistryKey:string,_ResourceId:string,Size:long,"
     "SoftwareDescription:string,SoftwareName:string,SoftwareType:string,SourceComputerId:string,"
     "SourceSystem:string,_SubscriptionId:string,SvcAccount:string,SvcChangeType:string,"
     "SvcController:string,SvcDisplayName:string,SvcName:string,SvcPath:string,"
     "SvcPreviousAccount:string,SvcPreviousController:string,SvcPreviousPath:string,"
     "SvcPreviousRunlevels:string,SvcPreviousStartupType:string,SvcPreviousState:string,"
     "SvcRunlevels:string,SvcStartupType:string,SvcState:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,ValueData:string,ValueName:string,ValueType:string,"
     "VMUUID:string",
     NULL},
    /* Azure Monitor Logs table reference, ADAssessmentRecommendation
     * (azure-monitor-ref/tables/includes/adassessmentrecommendation-include.md); TenantId added */
    {"ADAssessmentRecommendation",
     "ActionArea:string,ActionAreaId:string,AffectedObjectName:string,AffectedObjectType:string,"
     "AssessmentId:string,Computer:string,CustomData:string,Description:string,Domain:string,"
     "DomainController:string,FocusArea:string,FocusAreaId:string,Forest:string,"
     "Recommendation:string,RecommendationId:string,RecommendationResult:string,"
     "RecommendationWeight:real,_ResourceId:string,SourceSystem:string,_SubscriptionId:string,"
     "Technology:string,TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, IntuneDevices
     * (azure-monitor-ref/tables/includes/intunedevices-include.md) */
    {"IntuneDevices",
     "AADTenantId:string,AndroidPatchLevel:string,BatchId:string,CategoryName:string,"
     "CompliantState:string,CreatedDate:string,DeviceId:string,DeviceName:string,"
     "DeviceRegistrationState:string,DeviceState:string,EasID:string,"
     "EncryptionStatusString:string,GraphDeviceIsManaged:bool,IMEI:string,"
     "InGracePeriodUntil:string,IntuneAccountId:string,JailBroken:string,JoinType:string,"
     "LastContact:string,ManagedBy:string,ManagedDeviceName:string,Manufacturer:string,"
     "MEID:string,Model:string,OperationName:string,OS:string,OSVersion:string,Ownership:string,"
     "PhoneNumber:string,PrimaryUser:string,ReferenceId:string,Result:string,SerialNumber:string,"
     "SkuFamily:string,SourceSystem:string,Stats:dynamic,StorageFree:long,StorageTotal:long,"
     "SubscriberCarrierNetwork:string,SupervisedStatusString:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,UPN:string,UserEmail:string,UserName:string,"
     "WifiMacAddress:string",
     NULL},
    /* Azure Monitor Logs table reference, AppRequests
     * (azure-monitor-ref/tables/includes/apprequests-include.md) */
    {"AppRequests",
     "AppRoleInstance:string,AppRoleName:string,AppVersion:string,ClientBrowser:string,"
     "ClientCity:string,ClientCountryOrRegion:string,ClientIP:string,ClientModel:string,"
     "ClientOS:string,ClientStateOrProvince:string,ClientType:string,DurationMs:real,Id:string,"
     "IKey:string,ItemCount:int,Measurements:dynamic,Name:string,OperationId:string,"
     "OperationName:string,ParentId:string,Properties:dynamic,ReferencedItemId:string,"
     "ReferencedType:string,ResourceGUID:string,_ResourceId:string,ResultCode:string,"
     "SDKVersion:string,SessionId:string,Source:string,SourceSystem:string,_SubscriptionId:string,"
     "Success:bool,SyntheticSource:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "Url:string,UserAccountId:string,UserAuthenticatedId:string,UserId:string",
     NULL},
    /* Azure Monitor Logs table reference, VMConnection
     * (azure-monitor-ref/tables/includes/vmconnection-include.md); TenantId added */
    {"VMConnection",
     "AgentId:string,BytesReceived:long,BytesSent:long,Computer:string,Confidence:string,"
     "ConnectionId:string,Description:string,DestinationIp:string,DestinationPort:int,"
     "Direction:string,FirstReportedDateTime:string,IndicatorThreatType:string,IsActive:string,"
     "LastReportedDateTime:string,LinksEstablished:long,LinksFailed:long,LinksLive:long,"
     "LinksTerminated:long,Machine:string,MaliciousIp:string,Process:string,ProcessName:string,"
     "Protocol:string,RemoteClassification:string,RemoteCountry:string,"
     "RemoteDnsCanonicalNames:string,RemoteDnsQuestions:string,RemoteIp:string,"
     "RemoteLatitude:real,RemoteLongitude:real,_ResourceId:string,Responses:long,"
     "ResponseTimeMax:long,ResponseTimeMin:long,ResponseTimeSum:long,Severity:int,SourceIp:string,"
     "SourceSystem:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "TLPLevel:string,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, SQLAssessmentRecommendation
     * (azure-monitor-ref/tables/includes/sqlassessmentrecommendation-include.md); TenantId added */
    {"SQLAssessmentRecommendation",
     "ActionArea:string,ActionAreaId:string,AffectedObjectName:string,AffectedObjectResult:string,"
     "AffectedObjectType:string,AssessmentId:string,Computer:string,CustomData:string,"
     "DatabaseName:string,Description:string,FocusArea:string,FocusAreaId:string,"
     "Recommendation:string,RecommendationId:string,RecommendationResult:string,"
     "RecommendationWeight:real,_ResourceId:string,SourceSystem:string,SqlInstanceName:string,"
     "_SubscriptionId:string,Technology:string,TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AppServiceHTTPLogs
     * (azure-monitor-ref/tables/includes/appservicehttplogs-include.md) */
    {"AppServiceHTTPLogs",
     "CIp:string,ComputerName:string,Cookie:string,CsBytes:int,CsHost:string,CsMethod:string,"
     "CsUriQuery:string,CsUriStem:string,CsUsername:string,Referer:string,_ResourceId:string,"
     "Result:string,ScBytes:int,ScStatus:int,ScSubStatus:string,ScWin32Status:string,"
     "SourceSystem:string,SPort:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,TimeTaken:int,Type:string,UserAgent:string",
     NULL},
    /* Azure Monitor Logs table reference, FunctionAppLogs
     * (azure-monitor-ref/tables/includes/functionapplogs-include.md) */
    {"FunctionAppLogs",
     "ActivityId:string,AppName:string,Category:string,EventId:int,EventName:string,"
     "ExceptionDetails:string,ExceptionMessage:string,ExceptionType:string,"
     "FunctionInvocationId:string,FunctionName:string,HostInstanceId:string,HostVersion:string,"
     "Level:string,LevelId:int,Location:string,Message:string,ProcessId:int,_ResourceId:string,"
     "RoleInstance:string,SourceSystem:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ThreatIntelIndicators
     * (azure-monitor-ref/tables/includes/threatintelindicators-include.md) */
    {"ThreatIntelIndicators",
     "AdditionalFields:dynamic,AzureTenantId:string,Confidence:int,Created:datetime,Data:dynamic,"
     "Id:string,IsActive:bool,IsDeleted:bool,LastUpdateMethod:string,Modified:datetime,"
     "ObservableKey:string,ObservableValue:string,Pattern:string,_ResourceId:string,Revoked:bool,"
     "Source:string,SourceSystem:string,_SubscriptionId:string,Tags:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,ValidFrom:datetime,ValidUntil:datetime,WorkspaceId:string",
     NULL},
    /* Azure Monitor Logs table reference, HuntingBookmark
     * (azure-monitor-ref/tables/includes/huntingbookmark-include.md) */
    {"HuntingBookmark",
     "BookmarkId:string,BookmarkName:string,BookmarkType:string,CreatedBy:string,"
     "CreatedTime:datetime,Entities:string,EventTime:datetime,LastUpdatedTime:datetime,"
     "Notes:string,QueryEndTime:datetime,QueryResultRow:string,QueryStartTime:datetime,"
     "QueryText:string,_ResourceId:string,SoftDeleted:bool,SourceSystem:string,"
     "_SubscriptionId:string,Tags:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "UpdatedBy:string",
     NULL},
    /* Azure Monitor Logs table reference, IntuneDeviceComplianceOrg
     * (azure-monitor-ref/tables/includes/intunedevicecomplianceorg-include.md) */
    {"IntuneDeviceComplianceOrg",
     "ComplianceState:string,DeviceHealthThreatLevel:string,DeviceId:string,DeviceName:string,"
     "DeviceType:string,IMEI:string,InGracePeriodUntil:string,LastContact:string,"
     "ManagementAgents:string,OS:string,OSDescription:string,OSVersion:string,OwnerType:string,"
     "_ResourceId:string,Result:string,RetireAfterDatetime:string,SerialNumber:string,"
     "SourceSystem:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string,UPN:string,UserEmail:string,UserId:string,UserName:string",
     NULL},

    /* Azure Monitor Logs table reference, WaaSUpdateStatus
     * (azure-monitor-ref/tables/includes/waasupdatestatus-include.md); TenantId added */
    {"WaaSUpdateStatus",
     "Computer:string,ComputerID:string,DownloadMode:string,FeatureDeferralDays:int,"
     "FeaturePauseDays:int,FeaturePauseState:string,LastScan:datetime,NeedAttentionStatus:string,"
     "OSArchitecture:string,OSBuild:string,OSCurrentStatus:string,OSEdition:string,"
     "OSFamily:string,OSFeatureUpdateStatus:string,OSName:string,OSQualityUpdateStatus:string,"
     "OSRevisionNumber:int,OSSecurityUpdateStatus:string,OSServicingBranch:string,"
     "OSVersion:string,QualityDeferralDays:int,QualityPauseDays:int,QualityPauseState:string,"
     "SourceSystem:string,TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, WaaSDeploymentStatus
     * (azure-monitor-ref/tables/includes/waasdeploymentstatus-include.md); TenantId added */
    {"WaaSDeploymentStatus",
     "Computer:string,ComputerID:string,DeferralDays:int,DeploymentError:string,"
     "DeploymentErrorCode:string,DeploymentStatus:string,DetailedStatus:string,"
     "ExpectedInstallDate:datetime,LastScan:datetime,OriginBuild:string,OSBuild:string,"
     "OSRevisionNumber:int,OSServicingBranch:string,OSVersion:string,PauseState:string,"
     "RecommendedAction:string,ReleaseName:string,SourceSystem:string,TargetBuild:string,"
     "TargetOSRevision:int,TargetOSVersion:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string,UpdateCategory:string,UpdateClassification:string,UpdateReleasedDate:datetime",
     NULL},
    /* Azure Monitor Logs table reference, UpdateSummary
     * (azure-monitor-ref/tables/includes/updatesummary-include.md); TenantId added */
    {"UpdateSummary",
     "Computer:string,ComputerEnvironment:string,CriticalUpdatesMissing:int,"
     "ManagementGroupName:string,NETRuntimeVersion:string,"
     "OldestMissingSecurityUpdateBucket:string,OldestMissingSecurityUpdateInDays:int,"
     "OsVersion:string,OtherUpdatesMissing:int,Resource:string,ResourceGroup:string,"
     "ResourceId:string,_ResourceId:string,ResourceProvider:string,ResourceType:string,"
     "RestartPending:bool,SecurityUpdatesMissing:int,SourceComputerId:string,SourceSystem:string,"
     "SubscriptionId:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "TotalUpdatesMissing:int,Type:string,VMUUID:string,WindowsUpdateAgentVersion:string,"
     "WindowsUpdateSetting:string,WSUSServer:string",
     NULL},
    /* Azure Monitor Logs table reference, Operation
     * (azure-monitor-ref/tables/includes/operation-include.md); TenantId added */
    {"Operation",
     "Computer:string,CorrelationId:string,Detail:string,ErrorId:string,HelpLink:string,"
     "ManagementGroupName:string,OperationCategory:string,OperationKey:string,"
     "OperationStatus:string,_ResourceId:string,Solution:string,SourceComputerId:string,"
     "SourceSystem:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ProtectionStatus
     * (azure-monitor-ref/tables/includes/protectionstatus-include.md) */
    {"ProtectionStatus",
     "AMProductVersion:string,Computer:string,ComputerEnvironment:string,ComputerIP_Hidden:string,"
     "DetectionId:string,DeviceName:string,ManagementGroupName:string,OSName:string,"
     "ProtectionStatus:string,ProtectionStatusDetails:string,ProtectionStatusRank:int,"
     "Resource:string,ResourceGroup:string,ResourceId:string,_ResourceId:string,"
     "ResourceProvider:string,ResourceType:string,ScanDate:datetime,SignatureVersion:string,"
     "SourceComputerId:string,SourceSystem:string,SubscriptionId:string,_SubscriptionId:string,"
     "TenantId:string,Threat:string,ThreatStatus:string,ThreatStatusDetails:string,"
     "ThreatStatusRank:int,TimeGenerated:datetime,Type:string,TypeofProtection:string,"
     "VMUUID:string",
     NULL},
    /* Azure Monitor Logs table reference, ACSChatIncomingOperations
     * (azure-monitor-ref/tables/includes/acschatincomingoperations-include.md) */
    {"ACSChatIncomingOperations",
     "CallerIpAddress:string,Category:string,ChatMessageId:int,ChatThreadId:string,"
     "CorrelationId:string,DurationMs:int,Level:string,OperationName:string,"
     "OperationVersion:string,PlatformType:string,_ResourceId:string,ResultDescription:string,"
     "ResultSignature:string,ResultType:string,SdkType:string,SourceSystem:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,URI:string,"
     "UserId:string",
     NULL},
    /* Azure Monitor Logs table reference, ACSSMSIncomingOperations
     * (azure-monitor-ref/tables/includes/acssmsincomingoperations-include.md) */
    {"ACSSMSIncomingOperations",
     "CallerIpAddress:string,Category:string,CorrelationId:string,Country:string,"
     "DeliveryAttempts:int,DurationMs:int,IncomingMessageLength:int,Level:string,MessageId:string,"
     "Method:string,NumberType:string,OperationName:string,OperationVersion:string,"
     "OutgoingMessageLength:int,PhoneNumber:string,PlatformType:string,_ResourceId:string,"
     "ResultDescription:string,ResultSignature:string,ResultType:string,SdkType:string,"
     "SourceSystem:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string,URI:string",
     NULL},
    /* Azure Monitor Logs table reference, ACSBillingUsage
     * (azure-monitor-ref/tables/includes/acsbillingusage-include.md) */
    {"ACSBillingUsage",
     "Category:string,CorrelationId:string,EndTime:datetime,OperationName:string,"
     "OperationVersion:string,ParticipantId:string,Quantity:real,RecordId:string,"
     "_ResourceId:string,SourceSystem:string,StartTime:datetime,_SubscriptionId:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string,UnitType:string,UsageType:string,"
     "UserIdA:string,UserIdB:string",
     NULL},
    /* Azure Monitor Logs table reference, SentinelAudit
     * (azure-monitor-ref/tables/includes/sentinelaudit-include.md) */
    {"SentinelAudit",
     "CorrelationId:string,Description:string,ExtendedProperties:dynamic,OperationName:string,"
     "SentinelResourceId:string,SentinelResourceKind:string,SentinelResourceName:string,"
     "SentinelResourceType:string,SourceSystem:string,Status:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,WorkspaceId:string",
     NULL},
    /* Azure Monitor Logs table reference, MicrosoftDataShareReceivedSnapshotLog
     * (azure-monitor-ref/tables/includes/microsoftdatasharereceivedsnapshotlog-include.md) */
    {"MicrosoftDataShareReceivedSnapshotLog",
     "Category:string,CorrelationId:string,DataSetMappingType:string,DataSetName:string,"
     "DataSetType:string,DetailMessage:string,EndTime:string,FilesRead:string,FilesWritten:string,"
     "OperationName:string,_ResourceId:string,SizeRead:string,SizeWritten:string,"
     "SourceSystem:string,StartTime:string,Status:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,TriggerType:string,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, MicrosoftDataShareSentSnapshotLog
     * (azure-monitor-ref/tables/includes/microsoftdatasharesentsnapshotlog-include.md) */
    {"MicrosoftDataShareSentSnapshotLog",
     "Category:string,CorrelationId:string,DataSetMappingType:string,DataSetName:string,"
     "DataSetType:string,DetailMessage:string,EndTime:string,FilesRead:string,FilesWritten:string,"
     "OperationName:string,_ResourceId:string,SizeRead:string,SizeWritten:string,"
     "SourceSystem:string,StartTime:string,Status:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,TriggerType:string,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ADFPipelineRun
     * (azure-monitor-ref/tables/includes/adfpipelinerun-include.md) */
    {"ADFPipelineRun",
     "Annotations:string,Category:string,CorrelationId:string,End:datetime,ErrorCode:string,"
     "ErrorMessage:string,EventMessage:string,FailureType:string,Input:string,Level:string,"
     "Location:string,OperationName:string,Output:string,Parameters:string,PipelineName:string,"
     "Predecessors:string,ResourceId:string,_ResourceId:string,RunId:string,SourceSystem:string,"
     "Start:datetime,Status:string,_SubscriptionId:string,SystemParameters:string,Tags:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string,UserProperties:string",
     NULL},
    /* Azure Monitor Logs table reference, AegDeliveryFailureLogs
     * (azure-monitor-ref/tables/includes/aegdeliveryfailurelogs-include.md) */
    {"AegDeliveryFailureLogs",
     "Category:string,EventSubscriptionName:string,Message:string,OperationName:string,"
     "_ResourceId:string,SourceSystem:string,SubResourceName:string,_SubscriptionId:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AddonAzureBackupJobs
     * (azure-monitor-ref/tables/includes/addonazurebackupjobs-include.md); TenantId added */
    {"AddonAzureBackupJobs",
     "AdHocOrScheduledJob:string,ArchiveTierStorageReplicationType:string,AzureDataCenter:string,"
     "BackupItemFriendlyName:string,BackupItemId:string,BackupItemUniqueId:string,"
     "BackupManagementServerUniqueId:string,BackupManagementType:string,Category:string,"
     "DatasourceFriendlyName:string,DatasourceResourceId:string,DatasourceSetFriendlyName:string,"
     "DatasourceSetResourceId:string,DatasourceSetType:string,DatasourceType:string,"
     "DataTransferredInMB:real,ExtendedProperties:dynamic,JobDurationInSecs:real,"
     "JobFailureCode:string,JobOperation:string,JobOperationSubType:string,"
     "JobStartDateTime:datetime,JobStatus:string,JobUniqueId:string,OperationName:string,"
     "ProtectedContainerUniqueId:string,RecoveryJobDestination:string,"
     "RecoveryJobRPDateTime:datetime,RecoveryJobRPLocation:string,RecoveryLocationType:string,"
     "ResourceGroupName:string,ResourceId:string,_ResourceId:string,SchemaVersion:string,"
     "SourceSystem:string,State:string,StorageReplicationType:string,SubscriptionId:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,VaultName:string,"
     "VaultTags:string,VaultType:string,VaultUniqueId:string",
     NULL},
    /* Azure Monitor Logs table reference, AADProvisioningLogs
     * (azure-monitor-ref/tables/includes/aadprovisioninglogs-include.md) */
    {"AADProvisioningLogs",
     "AADTenantId:string,Category:string,ChangeId:string,CorrelationId:string,CycleId:string,"
     "DurationMs:long,Id:string,InitiatedBy:string,JobId:string,ModifiedProperties:string,"
     "OperationName:string,OperationVersion:string,ProvisioningAction:string,"
     "ProvisioningStatusInfo:string,ProvisioningSteps:string,ResultDescription:string,"
     "ResultSignature:string,ResultType:string,ServicePrincipal:string,SourceIdentity:string,"
     "SourceSystem:string,TargetIdentity:string,TargetSystem:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, McasShadowItReporting
     * (azure-monitor-ref/tables/includes/mcasshadowitreporting-include.md) */
    {"McasShadowItReporting",
     "AadTenantId:string,AppCategory:string,AppId:string,AppInstance:string,AppName:string,"
     "AppScore:int,AppTags:dynamic,BlockedEvents:int,Date:datetime,DownloadedBytes:int,"
     "EnrichedUserName:string,IpAddress:string,MachineId:string,MachineName:string,"
     "RawUserName:string,RichUserName:string,SourceSystem:string,StreamName:string,"
     "TenantId:string,TimeGenerated:datetime,TotalBytes:int,TotalEvents:int,Type:string,"
     "UploadedBytes:int,UserName:string",
     NULL},
    /* Azure Monitor Logs table reference, SecurityRegulatoryCompliance
     * (azure-monitor-ref/tables/includes/securityregulatorycompliance-include.md) */
    {"SecurityRegulatoryCompliance",
     "AssessedResourceId:string,ComplianceControl:string,ComplianceStandard:string,"
     "FailedResources:int,IsSnapshot:bool,PassedResources:int,Properties:dynamic,"
     "RecommendationId:string,RecommendationLink:string,RecommendationName:string,"
     "RegulatoryComplianceSubscriptionId:string,_ResourceId:string,ResourceProviderType:string,"
     "SkippedResources:int,SourceSystem:string,State:string,_SubscriptionId:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, WindowsEvent
     * (azure-monitor-ref/tables/includes/windowsevent-include.md) */
    {"WindowsEvent",
     "Channel:string,Computer:string,Correlation:string,EventData:dynamic,EventID:int,"
     "EventLevel:int,EventLevelName:string,EventOriginId:string,EventRecordId:string,"
     "Keywords:string,ManagementGroupName:string,Opcode:string,Provider:string,"
     "RawEventData:string,_ResourceId:string,_SubscriptionId:string,SystemProcessId:int,"
     "SystemThreadId:int,SystemUserId:string,Task:int,TenantId:string,TimeGenerated:datetime,"
     "Type:string,Version:int",
     NULL},
    /* Azure Monitor Logs table reference, ContainerInventory
     * (azure-monitor-ref/tables/includes/containerinventory-include.md); TenantId added */
    {"ContainerInventory",
     "Command:string,ComposeGroup:string,Computer:string,ContainerHostname:string,"
     "ContainerID:string,ContainerState:string,CreatedTime:datetime,EnvironmentVar:string,"
     "ExitCode:int,FinishedTime:datetime,Image:string,ImageID:string,ImageTag:string,Links:string,"
     "Name:string,Ports:string,Repository:string,_ResourceId:string,SourceSystem:string,"
     "StartedTime:datetime,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ContainerImageInventory
     * (azure-monitor-ref/tables/includes/containerimageinventory-include.md); TenantId added */
    {"ContainerImageInventory",
     "Computer:string,Failed:int,Image:string,ImageID:string,ImageSize:string,ImageTag:string,"
     "Paused:int,Repository:string,_ResourceId:string,Running:int,SourceSystem:string,Stopped:int,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,TotalContainer:long,"
     "Type:string,VirtualSize:string",
     NULL},
    /* Azure Monitor Logs table reference, ContainerLog
     * (azure-monitor-ref/tables/includes/containerlog-include.md); TenantId added */
    {"ContainerLog",
     "Computer:string,ContainerID:string,Image:string,ImageTag:string,LogEntry:string,"
     "LogEntrySource:string,Name:string,Repository:string,_ResourceId:string,SourceSystem:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,TimeOfCommand:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, KubePodInventory
     * (azure-monitor-ref/tables/includes/kubepodinventory-include.md); TenantId added */
    {"KubePodInventory",
     "ClusterId:string,ClusterName:string,Computer:string,ContainerCreationTimeStamp:datetime,"
     "ContainerID:string,ContainerLastStatus:string,ContainerName:string,"
     "ContainerRestartCount:int,ContainerStartTime:datetime,ContainerStatus:string,"
     "ContainerStatusReason:string,ControllerKind:string,ControllerName:string,"
     "InstanceName:string,Name:string,Namespace:string,PodCreationTimeStamp:datetime,PodIp:string,"
     "PodLabel:string,PodRestartCount:int,PodStartTime:datetime,PodStatus:string,PodUid:string,"
     "_ResourceId:string,ServiceName:string,SourceSystem:string,_SubscriptionId:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, KubeNodeInventory
     * (azure-monitor-ref/tables/includes/kubenodeinventory-include.md); TenantId added */
    {"KubeNodeInventory",
     "ClusterId:string,ClusterName:string,Computer:string,CreationTimeStamp:datetime,"
     "DockerVersion:string,KubeletVersion:string,KubeProxyVersion:string,"
     "KubernetesProviderID:string,Labels:string,LastTransitionTimeReady:datetime,"
     "OperatingSystem:string,_ResourceId:string,SourceSystem:string,Status:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, KubeEvents
     * (azure-monitor-ref/tables/includes/kubeevents-include.md); TenantId added */
    {"KubeEvents",
     "ClusterId:string,ClusterName:string,Computer:string,Count:real,FirstSeen:datetime,"
     "KubeEventType:string,LastSeen:datetime,Message:string,Name:string,Namespace:string,"
     "ObjectKind:string,Reason:string,_ResourceId:string,SourceComponent:string,"
     "SourceSystem:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, WVDErrors
     * (azure-monitor-ref/tables/includes/wvderrors-include.md) */
    {"WVDErrors",
     "ActivityType:string,Code:long,CodeSymbolic:string,CorrelationId:string,Message:string,"
     "Operation:string,_ResourceId:string,ServiceError:bool,Source:string,SourceSystem:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,UserName:string",
     NULL},
    /* Azure Monitor Logs table reference, WVDCheckpoints
     * (azure-monitor-ref/tables/includes/wvdcheckpoints-include.md) */
    {"WVDCheckpoints",
     "ActivityType:string,CorrelationId:string,Name:string,Parameters:dynamic,_ResourceId:string,"
     "Source:string,SourceSystem:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,UserName:string",
     NULL},
    /* Azure Monitor Logs table reference, ADTDigitalTwinsOperation
     * (azure-monitor-ref/tables/includes/adtdigitaltwinsoperation-include.md) */
    {"ADTDigitalTwinsOperation", adt_operation_columns, NULL},
    /* Azure Monitor Logs table reference, ADTModelsOperation
     * (azure-monitor-ref/tables/includes/adtmodelsoperation-include.md) */
    {"ADTModelsOperation", adt_operation_columns, NULL},
    /* Azure Monitor Logs table reference, AutoscaleScaleActionsLog
     * (azure-monitor-ref/tables/includes/autoscalescaleactionslog-include.md); TenantId added */
    {"AutoscaleScaleActionsLog",
     "Category:string,CorrelationId:string,CreatedAsyncScaleActionJob:bool,"
     "CreatedAsyncScaleActionJobId:string,CurrentInstanceCount:int,NewInstanceCount:int,"
     "OperationName:string,ResourceId:string,_ResourceId:string,ResultDescription:string,"
     "ResultType:string,ScaleActionMessage:string,ScaleActionOperationId:string,"
     "ScaleActionOperationStatus:string,ScaleDirection:string,SourceSystem:string,"
     "_SubscriptionId:string,TargetResourceId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-graphapiauditevents-table
     * (ms.date 2026-02-05). The page titles the table GraphApiAuditEvents, but the service
     * and every published query spell it GraphAPIAuditEvents, as here. The page types
     * Timestamp as string; it is the table's time column (queries filter it with ago()),
     * so it is a datetime here. "EntityType " loses the page's stray space. */
    {"GraphAPIAuditEvents",
     "IdentityProvider:string,ApiVersion:string,ApplicationId:string,IPAddress:string,"
     "ClientRequestId:string,EntityType:string,RequestUri:string,AccountObjectId:string,"
     "OperationId:string,Location:string,RequestDuration:string,RequestId:string,"
     "RequestMethod:string,Timestamp:datetime,ResponseStatusCode:string,Scopes:string,"
     "UniqueTokenIdentifier:string,TargetWorkload:string,ServicePrincipalId:string,"
     "ResponseSize:int",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-messageevents-table */
    {"MessageEvents",
     "Timestamp:datetime,LastEditedTime:string,TeamsMessageId:string,SenderEmailAddress:string,"
     "SenderDisplayName:string,SenderObjectId:string,SenderType:string,RecipientDetails:dynamic,"
     "IsOwnedThread:bool,MessageId:string,ParentMessageId:string,GroupId:string,GroupName:string,"
     "ThreadId:string,ThreadSubtype:string,IsExternalThread:bool,MessageFormatType:string,"
     "MessageFormatSubtype:string,MessageVersion:string,MessageSubject:string,ThreatTypes:string,"
     "DetectionMethods:dynamic,ConfidenceLevel:dynamic,DeliveryAction:string,"
     "DeliveryLocation:string,ReportId:string,SafetyTip:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference,
     * advanced-hunting-devicetvmsoftwareevidencebeta-table; no time column */
    {"DeviceTvmSoftwareEvidenceBeta",
     "DeviceId:string,SoftwareVendor:string,SoftwareName:string,SoftwareVersion:string,"
     "RegistryPaths:dynamic,DiskPaths:dynamic,LastSeenTime:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-devicetvmcertificateinfo-table;
     * no time column */
    {"DeviceTvmCertificateInfo",
     "DeviceId:string,Thumbprint:string,Path:string,SerialNumber:string,IssuedTo:dynamic,"
     "IssuedBy:dynamic,FriendlyName:string,SignatureAlgorithm:string,KeySize:string,"
     "ExpirationDate:string,IssueDate:string,SubjectType:string,KeyUsage:string,"
     "ExtendedKeyUsage:string",
     NULL},

    /* Azure Monitor Logs table reference, ADTQueryOperation
     * (azure-monitor-ref/tables/includes/adtqueryoperation-include.md) */
    {"ADTQueryOperation",
     "ApplicationId:string,CallerIpAddress:string,Category:string,CorrelationId:string,"
     "DurationMs:string,Level:string,Location:string,OperationName:string,OperationVersion:string,"
     "ParentId:string,QueryCharge:real,RequestUri:string,_ResourceId:string,"
     "ResultDescription:string,ResultSignature:string,ResultType:string,SourceSystem:string,"
     "SpanId:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "TraceFlags:string,TraceId:string,TraceState:string,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ADTEventRoutesOperation
     * (azure-monitor-ref/tables/includes/adteventroutesoperation-include.md) */
    {"ADTEventRoutesOperation",
     "ApplicationId:string,CallerIpAddress:string,Category:string,CorrelationId:string,"
     "DurationMs:string,EndpointName:string,Level:string,Location:string,OperationName:string,"
     "OperationVersion:string,ParentId:string,RequestUri:string,_ResourceId:string,"
     "ResultDescription:string,ResultSignature:string,ResultType:string,SourceSystem:string,"
     "SpanId:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "TraceFlags:string,TraceId:string,TraceState:string,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AutoscaleEvaluationsLog
     * (azure-monitor-ref/tables/includes/autoscaleevaluationslog-include.md); TenantId added */
    {"AutoscaleEvaluationsLog",
     "AutoscaleMetricName:string,AvailabilitySet:string,Category:string,CloudServiceName:string,"
     "CloudServiceRole:string,CoolDown:int,CorrelationId:string,CurrentInstanceCount:int,"
     "DefaultInstanceCount:int,DeploymentSlot:string,EstimateScaleResult:string,"
     "EvaluationResult:string,EvaluationTime:datetime,InstanceUpdateReason:string,"
     "LastScaleActionOperationId:string,LastScaleActionOperationStatus:string,"
     "LastScaleActionTime:datetime,MaximumInstanceCount:int,MetricData:string,"
     "MetricEndTime:datetime,MetricNamespace:string,MetricStartTime:datetime,"
     "MetricTimeGrain:string,MinimumInstanceCount:int,NewInstanceCount:int,ObservedValue:real,"
     "OperationName:string,Operator:string,Profile:string,ProfileEvaluationTime:datetime,"
     "ProfileSelected:bool,Projection:real,ResourceId:string,_ResourceId:string,"
     "ResultDescription:string,ResultType:string,SelectedAutoscaleProfile:string,ServerFarm:string,"
     "ShouldUpdateInstance:bool,SkipCurrentAutoscaleEvaluation:bool,"
     "SkipRuleEvaluationForCooldown:bool,SourceSystem:string,_SubscriptionId:string,"
     "TargetResourceId:string,TenantId:string,Threshold:real,TimeAggregationType:string,"
     "TimeGenerated:datetime,TimeGrainStatistic:string,TimeWindow:string,Type:string,"
     "Webspace:string",
     NULL},
    /* Azure Monitor Logs table reference, ContainerRegistryLoginEvents
     * (azure-monitor-ref/tables/includes/containerregistryloginevents-include.md) */
    {"ContainerRegistryLoginEvents",
     "CallerIpAddress:string,Category:string,CorrelationId:string,DurationMs:string,"
     "Identity:string,JwtId:string,LoginServer:string,OperationName:string,Region:string,"
     "_ResourceId:string,ResultDescription:string,ResultType:string,SourceSystem:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,UserAgent:string",
     NULL},
    /* Azure Monitor Logs table reference, ContainerRegistryRepositoryEvents
     * (azure-monitor-ref/tables/includes/containerregistryrepositoryevents-include.md) */
    {"ContainerRegistryRepositoryEvents",
     "ArtifactType:string,CallerIpAddress:string,Category:string,CorrelationId:string,"
     "Digest:string,DurationMs:string,Identity:string,LoginServer:string,MediaType:string,"
     "OperationName:string,Region:string,Repository:string,_ResourceId:string,"
     "ResultDescription:string,ResultType:string,Size:int,SourceSystem:string,"
     "_SubscriptionId:string,Tag:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "UserAgent:string,UserTenantId:string",
     NULL},
    /* Azure Monitor Logs table reference, AppServiceConsoleLogs
     * (azure-monitor-ref/tables/includes/appserviceconsolelogs-include.md) */
    {"AppServiceConsoleLogs",
     "Category:string,ContainerId:string,Host:string,Level:string,OperationName:string,"
     "_ResourceId:string,ResultDescription:string,SourceSystem:string,_SubscriptionId:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AppServiceAppLogs
     * (azure-monitor-ref/tables/includes/appserviceapplogs-include.md) */
    {"AppServiceAppLogs",
     "Category:string,ContainerId:string,CustomLevel:string,ExceptionClass:string,Host:string,"
     "Level:string,Logger:string,Message:string,Method:string,OperationName:string,"
     "_ResourceId:string,ResultDescription:string,Source:string,SourceSystem:string,"
     "Stacktrace:string,StackTrace:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,WebSiteInstanceId:string",
     NULL},
    /* Azure Monitor Logs table reference, AppServiceAuditLogs
     * (azure-monitor-ref/tables/includes/appserviceauditlogs-include.md) */
    {"AppServiceAuditLogs",
     "Category:string,OperationName:string,Protocol:string,_ResourceId:string,SourceSystem:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,User:string,"
     "UserAddress:string,UserDisplayName:string",
     NULL},
    /* Azure Monitor Logs table reference, AppServicePlatformLogs
     * (azure-monitor-ref/tables/includes/appserviceplatformlogs-include.md) */
    {"AppServicePlatformLogs",
     "ActivityId:string,ContainerId:string,DeploymentId:string,Exception:string,Host:string,"
     "Level:string,Message:string,OperationName:string,_ResourceId:string,SourceSystem:string,"
     "StackTrace:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AppServiceIPSecAuditLogs
     * (azure-monitor-ref/tables/includes/appserviceipsecauditlogs-include.md) */
    {"AppServiceIPSecAuditLogs",
     "CIp:string,CsHost:string,Details:string,_ResourceId:string,Result:string,"
     "ServiceEndpoint:string,SourceSystem:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,XAzureFDID:string,XFDHealthProbe:string,"
     "XForwardedFor:string,XForwardedHost:string",
     NULL},
    /* Azure Monitor Logs table reference, AppServiceFileAuditLogs
     * (azure-monitor-ref/tables/includes/appservicefileauditlogs-include.md) */
    {"AppServiceFileAuditLogs",
     "Category:string,OperationName:string,Path:string,Process:string,_ResourceId:string,"
     "SourceSystem:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AppServiceAntivirusScanAuditLogs
     * (azure-monitor-ref/tables/includes/appserviceantivirusscanauditlogs-include.md) */
    {"AppServiceAntivirusScanAuditLogs",
     "Category:string,ErrorMessage:string,ListOfInfectedFiles:string,NumberOfInfectedFiles:int,"
     "_ResourceId:string,ScanStatus:string,SourceSystem:string,_SubscriptionId:string,"
     "TenantId:string,TimeGenerated:datetime,TimeStamp:datetime,TotalFilesScanned:int,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, ADFActivityRun
     * (azure-monitor-ref/tables/includes/adfactivityrun-include.md) */
    {"ADFActivityRun",
     "ActivityIterationCount:int,ActivityName:string,ActivityRunId:string,ActivityType:string,"
     "Annotations:string,Category:string,CorrelationId:string,EffectiveIntegrationRuntime:string,"
     "End:datetime,Error:string,ErrorCode:string,ErrorMessage:string,EventMessage:string,"
     "FailureType:string,Input:string,Level:string,LinkedServiceName:string,Location:string,"
     "OperationName:string,Output:string,PipelineName:string,PipelineRunId:string,"
     "ResourceId:string,_ResourceId:string,SourceSystem:string,Start:datetime,Status:string,"
     "_SubscriptionId:string,Tags:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "UserProperties:string",
     NULL},
    /* Azure Monitor Logs table reference, ADFTriggerRun
     * (azure-monitor-ref/tables/includes/adftriggerrun-include.md) */
    {"ADFTriggerRun",
     "Annotations:string,Category:string,CorrelationId:string,ErrorCode:string,ErrorMessage:string,"
     "EventMessage:string,Input:string,Level:string,Location:string,OperationName:string,"
     "Output:string,Parameters:string,ResourceId:string,_ResourceId:string,SourceSystem:string,"
     "Start:datetime,Status:string,_SubscriptionId:string,SystemParameters:string,Tags:string,"
     "TenantId:string,TimeGenerated:datetime,TriggerEvent:string,TriggerFailureType:string,"
     "TriggerId:string,TriggerName:string,TriggerType:string,Type:string,UserProperties:string",
     NULL},
    /* Azure Monitor Logs table reference, AegPublishFailureLogs
     * (azure-monitor-ref/tables/includes/aegpublishfailurelogs-include.md) */
    {"AegPublishFailureLogs",
     "Category:string,Message:string,OperationName:string,_ResourceId:string,SourceSystem:string,"
     "SubResourceName:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, AddonAzureBackupStorage
     * (azure-monitor-ref/tables/includes/addonazurebackupstorage-include.md); TenantId added */
    {"AddonAzureBackupStorage",
     "ArchiveTierStorageConsumedInMBs:string,BackupItemUniqueId:string,"
     "BackupManagementServerUniqueId:string,BackupManagementType:string,Category:string,"
     "ExtendedProperties:dynamic,OperationName:string,PreferredWorkloadOnVolume:string,"
     "ProtectedContainerUniqueId:string,ResourceId:string,_ResourceId:string,SchemaVersion:string,"
     "SourceSystem:string,State:string,StorageAllocatedInMBs:real,StorageConsumedInMBs:real,"
     "StorageName:string,StorageTotalSizeInGBs:real,StorageType:string,StorageUniqueId:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "VaultUniqueId:string,VolumeFriendlyName:string",
     NULL},
    /* Azure Monitor Logs table reference, AddonAzureBackupPolicy
     * (azure-monitor-ref/tables/includes/addonazurebackuppolicy-include.md); TenantId added */
    {"AddonAzureBackupPolicy",
     "ArchiveTierDailyRetentionDuration:int,ArchiveTierDefaultRetentionDuration:int,"
     "ArchiveTieringDuration:int,ArchiveTieringDurationType:string,ArchiveTieringMode:string,"
     "ArchiveTierMonthlyRetentionDuration:int,ArchiveTierStorageReplicationType:string,"
     "ArchiveTierWeeklyRetentionDuration:int,ArchiveTierYearlyRetentionDuration:int,"
     "AzureDataCenter:string,BackupDaysOfTheWeek:string,BackupFrequency:string,"
     "BackupIntervalInHours:int,BackupManagementServerUniqueId:string,BackupManagementType:string,"
     "BackupTimes:string,Category:string,DailyRetentionDuration:int,DailyRetentionTimes:string,"
     "DatasourceType:string,DiffBackupDaysofTheWeek:string,DiffBackupFormat:string,"
     "DiffBackupRetentionDuration:int,DiffBackupTime:string,DifferentialBackupDaysOfTheWeek:string,"
     "DifferentialBackupFrequency:string,DifferentialBackupTimes:string,ExtendedProperties:dynamic,"
     "FullBackupDaysOfTheWeek:string,FullBackupFrequency:string,FullBackupTimes:string,"
     "IncrementalBackupDaysOfTheWeek:string,IncrementalBackupFrequency:string,"
     "IncrementalBackupTimes:string,LogBackupFrequency:int,LogBackupRetentionDuration:int,"
     "MonthlyRetentionDaysOfTheMonth:string,MonthlyRetentionDaysOfTheWeek:string,"
     "MonthlyRetentionDuration:int,MonthlyRetentionFormat:string,MonthlyRetentionTimes:string,"
     "MonthlyRetentionWeeksOfTheMonth:string,OperationName:string,PolicyId:string,"
     "PolicyName:string,PolicySubType:string,PolicyTimeZone:string,PolicyUniqueId:string,"
     "ResourceGroupName:string,ResourceId:string,_ResourceId:string,RetentionDuration:int,"
     "RetentionType:string,ScheduleWindowDuration:int,ScheduleWindowStartTime:datetime,"
     "SchemaVersion:string,SnapshotTierDailyRetentionDuration:int,"
     "SnapshotTierDefaultRetentionDuration:int,SnapshotTierMonthlyRetentionDuration:int,"
     "SnapshotTierWeeklyRetentionDuration:int,SnapshotTierYearlyRetentionDuration:int,"
     "SourceSystem:string,StandardTierDefaultRetentionDuration:int,State:string,"
     "StorageReplicationType:string,SubscriptionId:string,_SubscriptionId:string,"
     "SynchronisationFrequencyPerDay:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "VaultName:string,VaultTags:string,VaultType:string,VaultUniqueId:string,"
     "WeeklyRetentionDaysOfTheWeek:string,WeeklyRetentionDuration:int,WeeklyRetentionTimes:string,"
     "YearlyRetentionDaysOfTheMonth:string,YearlyRetentionDaysOfTheWeek:string,"
     "YearlyRetentionDuration:int,YearlyRetentionFormat:string,"
     "YearlyRetentionMonthsOfTheYear:string,YearlyRetentionTimes:string,"
     "YearlyRetentionWeeksOfTheMonth:string",
     NULL},
    /* Azure Monitor Logs table reference, AppTraces
     * (azure-monitor-ref/tables/includes/apptraces-include.md) */
    {"AppTraces",
     "AppRoleInstance:string,AppRoleName:string,AppVersion:string,ClientBrowser:string,"
     "ClientCity:string,ClientCountryOrRegion:string,ClientIP:string,ClientModel:string,"
     "ClientOS:string,ClientStateOrProvince:string,ClientType:string,IKey:string,ItemCount:int,"
     "Measurements:dynamic,Message:string,OperationId:string,OperationName:string,ParentId:string,"
     "Properties:dynamic,ReferencedItemId:string,ReferencedType:string,ResourceGUID:string,"
     "_ResourceId:string,SDKVersion:string,SessionId:string,SeverityLevel:int,SourceSystem:string,"
     "_SubscriptionId:string,SyntheticSource:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string,UserAccountId:string,UserAuthenticatedId:string,UserId:string",
     NULL},
    /* Azure Monitor Logs table reference, AppExceptions
     * (azure-monitor-ref/tables/includes/appexceptions-include.md) */
    {"AppExceptions",
     "AppRoleInstance:string,AppRoleName:string,AppVersion:string,Assembly:string,"
     "ClientBrowser:string,ClientCity:string,ClientCountryOrRegion:string,ClientIP:string,"
     "ClientModel:string,ClientOS:string,ClientStateOrProvince:string,ClientType:string,"
     "Details:dynamic,ExceptionType:string,HandledAt:string,IKey:string,InnermostAssembly:string,"
     "InnermostMessage:string,InnermostMethod:string,InnermostType:string,ItemCount:int,"
     "Measurements:dynamic,Message:string,Method:string,OperationId:string,OperationName:string,"
     "OuterAssembly:string,OuterMessage:string,OuterMethod:string,OuterType:string,ParentId:string,"
     "ProblemId:string,Properties:dynamic,ResourceGUID:string,_ResourceId:string,SDKVersion:string,"
     "SessionId:string,SeverityLevel:int,SourceSystem:string,_SubscriptionId:string,"
     "SyntheticSource:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "UserAccountId:string,UserAuthenticatedId:string,UserId:string",
     NULL},
    /* Azure Monitor Logs table reference, AppDependencies
     * (azure-monitor-ref/tables/includes/appdependencies-include.md) */
    {"AppDependencies",
     "AppRoleInstance:string,AppRoleName:string,AppVersion:string,ClientBrowser:string,"
     "ClientCity:string,ClientCountryOrRegion:string,ClientIP:string,ClientModel:string,"
     "ClientOS:string,ClientStateOrProvince:string,ClientType:string,Data:string,"
     "DependencyType:string,DurationMs:real,Id:string,IKey:string,ItemCount:int,"
     "Measurements:dynamic,Name:string,OperationId:string,OperationName:string,ParentId:string,"
     "Properties:dynamic,ReferencedItemId:string,ReferencedType:string,ResourceGUID:string,"
     "_ResourceId:string,ResultCode:string,SDKVersion:string,SessionId:string,SourceSystem:string,"
     "_SubscriptionId:string,Success:bool,SyntheticSource:string,Target:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,UserAccountId:string,UserAuthenticatedId:string,"
     "UserId:string",
     NULL},
    /* Azure Monitor Logs table reference, AppPageViews
     * (azure-monitor-ref/tables/includes/apppageviews-include.md) */
    {"AppPageViews",
     "AppRoleInstance:string,AppRoleName:string,AppVersion:string,ClientBrowser:string,"
     "ClientCity:string,ClientCountryOrRegion:string,ClientIP:string,ClientModel:string,"
     "ClientOS:string,ClientStateOrProvince:string,ClientType:string,DurationMs:real,Id:string,"
     "IKey:string,ItemCount:int,Measurements:dynamic,Name:string,OperationId:string,"
     "OperationName:string,ParentId:string,Properties:dynamic,ResourceGUID:string,"
     "_ResourceId:string,SDKVersion:string,SessionId:string,SourceSystem:string,"
     "_SubscriptionId:string,SyntheticSource:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string,Url:string,UserAccountId:string,UserAuthenticatedId:string,UserId:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightHBaseLogs
     * (azure-monitor-ref/tables/includes/hdinsighthbaselogs-include.md) */
    {"HDInsightHBaseLogs", hdinsight_cluster_logs_columns, NULL},
    /* Azure Monitor Logs table reference, HDInsightHBaseMetrics
     * (azure-monitor-ref/tables/includes/hdinsighthbasemetrics-include.md) */
    {"HDInsightHBaseMetrics", hdinsight_cluster_metrics_columns, NULL},
    /* Azure Monitor Logs table reference, HDInsightHadoopAndYarnLogs
     * (azure-monitor-ref/tables/includes/hdinsighthadoopandyarnlogs-include.md) */
    {"HDInsightHadoopAndYarnLogs", hdinsight_cluster_logs_columns, NULL},
    /* Azure Monitor Logs table reference, HDInsightHadoopAndYarnMetrics
     * (azure-monitor-ref/tables/includes/hdinsighthadoopandyarnmetrics-include.md) */
    {"HDInsightHadoopAndYarnMetrics", hdinsight_cluster_metrics_columns, NULL},
    /* Azure Monitor Logs table reference, HDInsightHiveAndLLAPLogs
     * (azure-monitor-ref/tables/includes/hdinsighthiveandllaplogs-include.md) */
    {"HDInsightHiveAndLLAPLogs", hdinsight_cluster_logs_columns, NULL},
    /* Azure Monitor Logs table reference, HDInsightHiveAndLLAPMetrics
     * (azure-monitor-ref/tables/includes/hdinsighthiveandllapmetrics-include.md) */
    {"HDInsightHiveAndLLAPMetrics", hdinsight_cluster_metrics_columns, NULL},
    /* Azure Monitor Logs table reference, HDInsightKafkaLogs
     * (azure-monitor-ref/tables/includes/hdinsightkafkalogs-include.md) */
    {"HDInsightKafkaLogs", hdinsight_logs_columns, NULL},
    /* Azure Monitor Logs table reference, HDInsightKafkaMetrics
     * (azure-monitor-ref/tables/includes/hdinsightkafkametrics-include.md) */
    {"HDInsightKafkaMetrics",
     "ClusterName:string,CorrelationId:string,HostName:string,MetricDataType:string,"
     "MetricName:string,MetricNamespace:string,MetricValue:real,OperationName:string,"
     "_ResourceId:string,SourceSystem:string,_SubscriptionId:string,Tags:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightStormLogs
     * (azure-monitor-ref/tables/includes/hdinsightstormlogs-include.md) */
    {"HDInsightStormLogs", hdinsight_logs_columns, NULL},
    /* Azure Monitor Logs table reference, HDInsightStormMetrics
     * (azure-monitor-ref/tables/includes/hdinsightstormmetrics-include.md) */
    {"HDInsightStormMetrics",
     "ClusterName:string,CorrelationId:string,HostName:string,MetricDataType:string,"
     "MetricName:string,MetricNamespace:string,MetricValue:real,OperationName:string,"
     "_ResourceId:string,SourceSystem:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightStormTopologyMetrics
     * (azure-monitor-ref/tables/includes/hdinsightstormtopologymetrics-include.md) */
    {"HDInsightStormTopologyMetrics",
     "Acked:real,AssignedCPUPercent:real,AssignedMemOffHeapMB:real,AssignedMemOnHeapMB:real,"
     "AssignedTotalMemMB:real,BoltId:string,Capacity:real,ClusterName:string,ClusterType:string,"
     "CompleteLatencyMs:real,CorrelationId:string,Debug:bool,Emitted:real,EncodedBoltId:string,"
     "EncodedId:string,EncodedSpoutId:string,ErrorHost:string,ErrorPort:string,"
     "ErrorWorkerLogLink:string,Executed:real,ExecuteLatencyMs:real,Executors:int,"
     "ExecutorsTotal:int,Failed:real,HostName:string,Id:string,InstanceName:string,"
     "LastError:string,MsgTimeout:real,OperationName:string,Owner:string,ProcessLatencyMs:real,"
     "ReplicationCount:int,RequestedCpuPercent:real,RequestMemOffHeapMB:real,"
     "RequestMemOnHeapMB:real,_ResourceId:string,SamplingPct:real,SchedulerDisplayResource:bool,"
     "SourceSystem:string,SpoutId:string,Status:string,_SubscriptionId:string,Tasks:int,"
     "TasksTotal:int,TenantId:string,TimeGenerated:datetime,TopologyId:string,TopologyName:string,"
     "Transferred:real,Type:string,Uptime:string,UptimeSeconds:real,Window:real,WindowHint:string,"
     "WindowPretty:string,Workers:string,WorkersTotal:int",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkLogs
     * (azure-monitor-ref/tables/includes/hdinsightsparklogs-include.md) */
    {"HDInsightSparkLogs", hdinsight_logs_columns, NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkApplicationEvents
     * (azure-monitor-ref/tables/includes/hdinsightsparkapplicationevents-include.md) */
    {"HDInsightSparkApplicationEvents",
     "AppAttemptId:string,ApplicationId:string,AppName:string,ClusterDnsName:string,"
     "ClusterTenantId:string,CompletionTime:datetime,Host:string,IpAddress:string,Region:string,"
     "_ResourceId:string,Role:string,SourceSystem:string,SparkUser:string,SubmissionTime:datetime,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "UserSubscriptionId:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkBlockManagerEvents
     * (azure-monitor-ref/tables/includes/hdinsightsparkblockmanagerevents-include.md) */
    {"HDInsightSparkBlockManagerEvents",
     "AddedTime:datetime,ApplicationId:string,BlockHost:string,BlockManagerHost:string,"
     "ClusterDnsName:string,ClusterTenantId:string,ExecutorId:string,Host:string,IpAddress:string,"
     "MaxMemory:long,MaxOffHeapMemory:long,MaxOnHeapMemory:long,Region:string,RemovedTime:datetime,"
     "_ResourceId:string,Role:string,SourceSystem:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,UserSubscriptionId:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkEnvironmentEvents
     * (azure-monitor-ref/tables/includes/hdinsightsparkenvironmentevents-include.md) */
    {"HDInsightSparkEnvironmentEvents",
     "ApplicationId:string,ClusterDnsName:string,ClusterTenantId:string,Host:string,"
     "IpAddress:string,Region:string,_ResourceId:string,Role:string,SourceSystem:string,"
     "SparkDeployMode:string,SparkExecutorCores:int,SparkExecutorInstances:int,"
     "SparkExecutorMemory:string,SparkMaster:string,_SubscriptionId:string,TenantId:string,"
     "TimeGenerated:datetime,Type:string,UserSubscriptionId:string,YarnMaxAttempts:int,"
     "YarnQueue:string,YarnTags:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkExecutorEvents
     * (azure-monitor-ref/tables/includes/hdinsightsparkexecutorevents-include.md) */
    {"HDInsightSparkExecutorEvents",
     "AddedTime:datetime,ApplicationId:string,ClusterDnsName:string,ClusterTenantId:string,"
     "ExecutorCores:int,ExecutorHost:string,ExecutorId:string,Host:string,IpAddress:string,"
     "Region:string,RemovedReason:string,RemovedTime:datetime,_ResourceId:string,Role:string,"
     "SourceSystem:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string,UserSubscriptionId:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkJobEvents
     * (azure-monitor-ref/tables/includes/hdinsightsparkjobevents-include.md) */
    {"HDInsightSparkJobEvents",
     "ApplicationId:string,ClusterDnsName:string,ClusterTenantId:string,CompletionTime:datetime,"
     "Host:string,IpAddress:string,JobId:string,JobResult:string,Region:string,_ResourceId:string,"
     "Role:string,SourceSystem:string,StageIds:string,SubmissionTime:datetime,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "UserSubscriptionId:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkSQLExecutionEvents
     * (azure-monitor-ref/tables/includes/hdinsightsparksqlexecutionevents-include.md) */
    {"HDInsightSparkSQLExecutionEvents",
     "ApplicationId:string,ClusterDnsName:string,ClusterTenantId:string,EndTime:datetime,"
     "ExecutionId:string,Host:string,IpAddress:string,PhysicalPlanDescription:string,Region:string,"
     "_ResourceId:string,Role:string,SourceSystem:string,SparkPlanInfo:string,StartTime:datetime,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Type:string,"
     "UserSubscriptionId:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkStageEvents
     * (azure-monitor-ref/tables/includes/hdinsightsparkstageevents-include.md) */
    {"HDInsightSparkStageEvents",
     "ApplicationId:string,AttemptId:string,ClusterDnsName:string,ClusterTenantId:string,"
     "CompletionTime:datetime,Details:string,FailureReason:string,Host:string,IpAddress:string,"
     "RDDInfo:string,Region:string,_ResourceId:string,Role:string,SourceSystem:string,"
     "StageId:string,StageName:string,SubmissionTime:datetime,_SubscriptionId:string,TaskCount:int,"
     "TenantId:string,TimeGenerated:datetime,Type:string,UserSubscriptionId:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkStageTaskAccumulables
     * (azure-monitor-ref/tables/includes/hdinsightsparkstagetaskaccumulables-include.md) */
    {"HDInsightSparkStageTaskAccumulables",
     "ApplicationId:string,ClusterDnsName:string,ClusterTenantId:string,Entity:string,"
     "EntityId:string,Host:string,IpAddress:string,MetricId:string,MetricName:string,"
     "MetricValue:long,ParentId:string,Region:string,_ResourceId:string,Role:string,"
     "SourceSystem:string,_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,"
     "Type:string,UserSubscriptionId:string",
     NULL},
    /* Azure Monitor Logs table reference, HDInsightSparkTaskEvents
     * (azure-monitor-ref/tables/includes/hdinsightsparktaskevents-include.md) */
    {"HDInsightSparkTaskEvents",
     "ApplicationId:string,AttemptId:string,BytesRead:long,BytesWritten:long,ClusterDnsName:string,"
     "ClusterTenantId:string,DiskBytesSpilled:long,EndReason:string,ExecutorCPUTime:long,"
     "ExecutorDeserializeCPUTime:long,ExecutorDeserializeTime:long,ExecutorId:string,"
     "ExecutorRunTime:long,Failed:bool,FinishTime:datetime,Host:string,InputMetrics:long,"
     "IpAddress:string,JvmGcTime:long,Killed:bool,LaunchTime:datetime,MemoryBytesSpilled:long,"
     "NumUpdatedBlockStatuses:long,OutputMetrics:long,PeakExecutionMemory:long,RecordsRead:long,"
     "RecordsWritten:long,Region:string,_ResourceId:string,ResultSerializationTime:long,"
     "ResultSize:long,Role:string,SchedulerDelay:long,ShuffleBytesWritten:long,"
     "ShuffleFetchWaitTime:long,ShuffleLocalBlocksFetched:long,ShuffleReadMetrics:long,"
     "ShuffleRecordsWritten:long,ShuffleRemoteBlocksFetched:long,ShuffleTotalBlocksFetched:long,"
     "ShuffleTotalBytesRead:long,ShuffleWriteMetrics:long,ShuffleWriteTime:long,"
     "SourceSystem:string,StageId:string,_SubscriptionId:string,TaskId:string,TaskType:string,"
     "TenantId:string,TimeGenerated:datetime,Type:string,UpdatedBlocks:long,"
     "UserSubscriptionId:string",
     NULL},
    /* Azure Monitor Logs table reference, AZKVAuditLogs
     * (azure-monitor-ref/tables/includes/azkvauditlogs-include.md) */
    {"AZKVAuditLogs",
     "AddressAuthorizationType:string,Algorithm:string,AppliedAssignmentId:string,"
     "CallerIpAddress:string,CertificateIssuerProperties:dynamic,"
     "CertificatePolicyProperties:dynamic,CertificateProperties:dynamic,"
     "CertificateRequestProperties:dynamic,ClientInfo:string,CorrelationId:string,DurationMs:int,"
     "EnabledForDeployment:bool,EnabledForDiskEncryption:bool,EnabledForTemplateDeployment:bool,"
     "EnablePurgeProtection:bool,EnableRbacAuthorization:bool,EnableSoftDelete:bool,"
     "HsmPoolResourceId:string,HttpStatusCode:int,Id:string,Identity:dynamic,"
     "IsAccessPolicyMatch:bool,IsAddressAuthorized:bool,IsRbacAuthorized:bool,"
     "KeyProperties:dynamic,NetworkAcls:dynamic,Nsp:dynamic,OperationName:string,"
     "OperationVersion:string,Properties:dynamic,RequestUri:string,_ResourceId:string,"
     "ResultDescription:string,ResultSignature:string,ResultType:string,SecretProperties:dynamic,"
     "Sku:dynamic,SoftDeleteRetentionInDays:int,SourceSystem:string,"
     "StorageAccountProperties:dynamic,StorageSasDefinitionProperties:dynamic,SubnetId:string,"
     "_SubscriptionId:string,TenantId:string,TimeGenerated:datetime,Tlsversion:string,"
     "TrustedService:string,Type:string,VaultProperties:dynamic",
     NULL},
    /* Azure Monitor Logs table reference, MicrosoftAzureBastionAuditLogs
     * (azure-monitor-ref/tables/includes/microsoftazurebastionauditlogs-include.md) */
    {"MicrosoftAzureBastionAuditLogs",
     "ClientIpAddress:string,ClientPort:int,Duration:int,Location:string,Message:string,"
     "OperationName:string,Protocol:string,_ResourceId:string,ResourceType:string,"
     "SessionEndTime:string,SessionStartTime:datetime,SourceSystem:string,_SubscriptionId:string,"
     "TargetResourceId:string,TargetVMIPAddress:string,TenantId:string,Time:datetime,"
     "TimeGenerated:datetime,TunnelId:string,Type:string,UserAgent:string,UserEmail:string,"
     "UserName:string",
     NULL},
    /* Azure Monitor Logs table reference, NWConnectionMonitorTestResult
     * (azure-monitor-ref/tables/includes/nwconnectionmonitortestresult-include.md) */
    {"NWConnectionMonitorTestResult",
     "AdditionalData:string,AvgRoundTripTimeMs:real,ChecksFailed:int,"
     "ChecksFailedPercentThreshold:int,ChecksTotal:int,ConnectionMonitorResourceId:string,"
     "DestinationAddress:string,DestinationAgentId:string,DestinationIP:string,"
     "DestinationName:string,DestinationPort:int,DestinationResourceId:string,"
     "DestinationSubnet:string,DestinationType:string,JitterMs:real,MaxRoundTripTimeMs:real,"
     "MinRoundTripTimeMs:real,Protocol:string,RecordId:string,_ResourceId:string,"
     "RoundTripTimeMsThreshold:real,SourceAddress:string,SourceAgentId:string,SourceIP:string,"
     "SourceName:string,SourceResourceId:string,SourceSubnet:string,SourceSystem:string,"
     "SourceType:string,_SubscriptionId:string,TenantId:string,TestConfigurationName:string,"
     "TestGroupName:string,TestResult:string,TestResultCriterion:string,TimeGenerated:datetime,"
     "Type:string",
     NULL},
    /* Azure Monitor Logs table reference, Watchlist
     * (azure-monitor-ref/tables/includes/watchlist-include.md); ms.date 2024-08-08 */
    {"Watchlist",
     "AzureTenantId:string,CorrelationId:string,CreatedBy:dynamic,CreatedTimeUTC:datetime,"
     "DefaultDuration:string,_DTItemId:string,_DTItemStatus:string,_DTItemType:string,"
     "_DTTimestamp:datetime,EntityMapping:dynamic,LastUpdatedTimeUTC:datetime,Notes:string,"
     "Provider:string,SearchKey:string,Source:string,SourceSystem:string,Tags:string,"
     "TenantId:string,TimeGenerated:datetime,TimeToLive:datetime,Type:string,UpdatedBy:dynamic,"
     "WatchlistAlias:string,WatchlistCategory:string,WatchlistId:string,WatchlistItem:dynamic,"
     "WatchlistItemId:string,WatchlistName:string",
     NULL},
    /* Defender XDR advanced hunting reference, advanced-hunting-messageurlinfo-table */
    {"MessageUrlInfo",
     "Timestamp:datetime,TeamsMessageId:string,Url:string,UrlDomain:string,ThreatTypes:string,"
     "ReportId:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference, advanced-hunting-messagepostdeliveryevents-table */
    {"MessagePostDeliveryEvents",
     "Timestamp:datetime,TeamsMessageId:string,Action:string,ActionType:string,"
     "ActionTrigger:string,ActionResult:string,SenderEmailAddress:string,RecipientDetails:dynamic,"
     "ThreatTypes:string,ConfidenceLevel:dynamic,DetectionMethods:string,"
     "LatestDeliveryLocation:string,ReportId:string,IsExternalThread:bool,SafetyTip:string",
     "TimeGenerated"},
    /* Defender XDR advanced hunting reference,
     * advanced-hunting-disruptionandresponseevents-table; the page's "TargetDeviceName ",
     * "TargetDomainName ", "LogonId " and "SessionId " lose their stray spaces; integer is int,
     * array dynamic; InterfaceUuidSourceDomainName is spelled as published */
    {"DisruptionAndResponseEvents",
     "Timestamp:datetime,ActionType:string,DeviceId:string,SourceDeviceId:string,"
     "TargetDeviceId:string,TargetDeviceName:string,TargetDomainName:string,DeviceName:string,"
     "DomainName:string,InitiatingProcessId:int,InitiatingProcessFileName:string,"
     "SourceUserSid:string,SourceUserName:string,SourceUserDomainName:string,"
     "SourceIPAddress:string,SourcePort:int,IPAddress:string,Port:string,SourceDeviceName:string,"
     "SourceDomainName:string,AuthenticationProtocol:string,Service:string,"
     "InterfaceUuidSourceDomainName:string,InterfaceFriendlyName:string,FileName:string,"
     "ShareName:string,LogonType:string,LogonId:long,SessionId:long,CompromisedAccountCount:int,"
     "PolicyId:string,PolicyName:string,PolicyVersion:string,PolicyHash:string,DataSources:dynamic,"
     "IsPolicyOn:bool,ReportType:string",
     "TimeGenerated"},
    {NULL, NULL, NULL},
};
