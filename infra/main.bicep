// MazeVault Alerts in one resource group: identity, storage, monitoring, Key Vault and the Function App.
// Every setting the code reads (docs/configuration.md) is a parameter here; secrets are @secure() and
// reach the app only as Key Vault references.
targetScope = 'resourceGroup'

@description('Environment name (azd AZURE_ENV_NAME); makes resource names unique per environment.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('FlexConsumption (default; schedules in UTC) or ElasticPremium (WEBSITE_TIME_ZONE works).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Elastic Premium only: blob name of the package the app runs from, in the deployment container.')
param premiumPackageBlobName string = 'mazevault-alerts.zip'

@description('DAILY_CHECK_SCHEDULE: NCRONTAB of the daily check (UTC on Flex).')
param dailyCheckSchedule string = '0 0 6 * * *'

@description('WEEKLY_REPORT_SCHEDULE: empty picks the plan default, 0 0 5,6 * * * (UTC, the code decides which is Monday 07:00; later days catch up a missed Monday) on Flex, 0 0 7 * * * in REPORT_TIME_ZONE on Premium.')
param weeklyReportSchedule string = ''

@description('RETENTION_SCHEDULE: NCRONTAB of the daily retention run that deletes rows past their time (UTC on Flex).')
param retentionSchedule string = '0 30 3 * * *'

@description('RETENTION_DELIVERY_DAYS: days a finished delivery (and an alert with nothing in flight) is kept.')
@minValue(1)
@maxValue(3650)
param retentionDeliveryDays int = 90

@description('RETENTION_AUDIT_DAYS: days an audit event is kept.')
@minValue(1)
@maxValue(3650)
param retentionAuditDays int = 400

@description('RETENTION_IDEMPOTENCY_KEY_DAYS: days an Idempotency-Key claim is kept.')
@minValue(1)
@maxValue(365)
param retentionIdempotencyKeyDays int = 7

@description('RETENTION_ROTATION_EXECUTION_DAYS: days a handled rotation execution and a daily email count are kept.')
@minValue(1)
@maxValue(3650)
param retentionRotationExecutionDays int = 90

@description('REPORT_TIME_ZONE: IANA time zone of the Monday 07:00 report (also WEBSITE_TIME_ZONE on Premium).')
param reportTimeZone string = 'Europe/Prague'

@description('DELIVERY_QUEUE_NAME: queue of per-channel deliveries; <name>-poison is created too.')
@minLength(3)
@maxLength(56)
param deliveryQueueName string = 'alert-deliveries'

@description('DELIVERY_MAX_ATTEMPTS: attempts before a retryable delivery is recorded failed.')
@minValue(1)
@maxValue(50)
param deliveryMaxAttempts int = 8

@description('DELIVERY_FIRST_BACKOFF_SECONDS: the first retry waits this long; each further retry doubles it, up to an hour.')
@minValue(1)
@maxValue(3600)
param deliveryFirstBackoffSeconds int = 30

@description('OTEL_EXPORTER_OTLP_ENDPOINT: an OTLP collector that also receives traces, metrics and logs (Azure Monitor always does); empty for none.')
param otlpEndpoint string = ''

@description('DELIVERY_LEASE_SECONDS: how long a claimed delivery stays with its handler; one that dies mid-send delays that delivery this long. At least twice CHANNEL_TIMEOUT_SECONDS.')
@minValue(10)
@maxValue(3600)
param deliveryLeaseSeconds int = 300

@description('DELIVERY_TARGET_CACHE_SECONDS: how long a first attempt may use an integration or contact as read by an earlier delivery on the same instance; 0 reads it every time. A change reaches first attempts within this time.')
@minValue(0)
@maxValue(300)
param deliveryTargetCacheSeconds int = 30

@description('ADMIN_EMAIL: legacy fallback recipient of every alert (spec 4.2); empty for none.')
param adminEmail string = ''

@description('TEAMS_WEBHOOK_URL: legacy fallback Teams webhook (spec 4.2). The URL carries its own credential: stored in Key Vault.')
@secure()
param teamsWebhookUrl string = ''

@description('O365_EMAIL_ENABLED: send email with Microsoft Graph (takes priority over SMTP).')
param o365EmailEnabled bool = false

@description('O365_TENANT_ID: tenant of the app registration; the deployment tenant by default.')
param o365TenantId string = tenant().tenantId

@description('O365_CLIENT_ID: app registration client id; empty with managed_identity uses the app identity.')
param o365ClientId string = ''

@description('O365_CLIENT_SECRET: client secret for client_secret auth; stored in Key Vault.')
@secure()
param o365ClientSecret string = ''

@description('O365_SENDER_EMAIL: mailbox the email is sent from (user or shared mailbox).')
param o365SenderEmail string = ''

@description('O365_AUTH_METHOD: how the app gets its Graph token.')
@allowed([
  'client_secret'
  'certificate'
  'managed_identity'
])
param o365AuthMethod string = 'client_secret'

@description('O365_GRAPH_BASE_URL: Graph endpoint with its version; empty = https://graph.microsoft.com/v1.0 (set for sovereign clouds).')
param o365GraphBaseUrl string = ''

@description('O365_AUTHORITY_HOST: Entra ID authority; empty = https://login.microsoftonline.com/ (set for sovereign clouds).')
param o365AuthorityHost string = ''

@description('O365_CERTIFICATE_PATH: certificate file for certificate auth.')
param o365CertificatePath string = ''

@description('O365_CERTIFICATE_PASSWORD: password of that certificate; stored in Key Vault.')
@secure()
param o365CertificatePassword string = ''

@description('SMTP_HOST: SMTP server; empty disables SMTP.')
param smtpHost string = ''

@description('SMTP_PORT: SMTP server port.')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('SMTP_USERNAME: SMTP login.')
param smtpUsername string = ''

@description('SMTP_PASSWORD: SMTP password; stored in Key Vault.')
@secure()
param smtpPassword string = ''

@description('SMTP_FROM: sender address for SMTP.')
param smtpFrom string = ''

@description('SMTP_SECURITY: starttls (587), ssl (465) or none.')
@allowed([
  'starttls'
  'ssl'
  'none'
])
param smtpSecurity string = 'starttls'

@description('SMTP_ALLOW_PLAINTEXT_AUTH: let SMTP_SECURITY none carry the SMTP credentials (a relay on a trusted network only).')
param smtpAllowPlaintextAuth bool = false

@description('EGRESS_ALLOWED_NETWORKS: comma-separated CIDRs of internal networks vendor calls may reach (an on-premises JIRA or webhook receiver); empty allows public addresses only.')
param egressAllowedNetworks string = ''

@description('CHANNEL_TIMEOUT_SECONDS: how long one vendor call may take before it is a (retryable) timeout.')
@minValue(1)
@maxValue(120)
param channelTimeoutSeconds int = 30

@description('PACING_RATE_PERCENT: percent of each channel\'s documented rate that integrations with paced on keep to (below 100 leaves room for other senders to the same destination).')
@minValue(1)
@maxValue(100000)
param pacingRatePercent int = 100

@description('PACING_WEBHOOK_PER_MINUTE: messages per minute to one generic webhook URL for paced webhook integrations.')
@minValue(1)
@maxValue(60000)
param pacingWebhookPerMinute int = 60

@description('INTEGRATION_TEST_TIMEOUT_SECONDS: how long the Test action may wait for a destination (1-10).')
@minValue(1)
@maxValue(10)
param integrationTestTimeoutSeconds int = 10

@description('INTEGRATION_TEST_LIMIT: tests of one integration allowed per window, per instance.')
@minValue(1)
@maxValue(100)
param integrationTestLimit int = 5

@description('INTEGRATION_TEST_WINDOW_SECONDS: the Test action rate limit window.')
@minValue(1)
@maxValue(3600)
param integrationTestWindowSeconds int = 60

@description('ROTATION_FAILURE_EMAILS_PER_DAY: rotation-failure emails one config may send per UTC day; later failures that day are only logged.')
@minValue(1)
@maxValue(100)
param rotationFailureEmailsPerDay int = 5

@description('PACING_EMAIL_PER_MINUTE: messages per minute through the sender mailbox, which every email keeps to (Exchange Online: 30).')
@minValue(0)
@maxValue(60000)
param pacingEmailPerMinute int = 30

@description('PACING_EMAIL_RECIPIENTS_PER_DAY: recipients per UTC day through the sender mailbox, shared by every organization (Exchange Online: 10,000); emails past it wait for the next day. 0: no limit.')
@minValue(0)
@maxValue(10000000)
param pacingEmailRecipientsPerDay int = 10000

@description('RECIPIENT_DEFAULT_DOMAINS: comma-separated domains every organization without a saved recipient policy may email from rotation configs (the company\'s own); empty for none.')
param recipientDefaultDomains string = ''

@description('QUOTA_INCIDENTS_PER_MINUTE: incidents one organization may report per UTC minute; more are answered 429 with Retry-After.')
@minValue(1)
@maxValue(100000)
param quotaIncidentsPerMinute int = 60

@description('QUOTA_IMPORT_MAX_ITEMS: items one inventory import may carry (certificates and rotation configs together); more is answered 422.')
@minValue(1)
@maxValue(10000)
param quotaImportMaxItems int = 5000

@description('QUOTA_INTEGRATIONS_PER_ORGANIZATION: integrations one organization may have (every alert fans out to each); one more is answered 422.')
@minValue(1)
@maxValue(10000)
param quotaIntegrationsPerOrganization int = 100

@description('QUOTA_INCIDENT_CONTACTS_PER_ORGANIZATION: incident contacts one organization may have; one more is answered 422.')
@minValue(1)
@maxValue(10000)
param quotaIncidentContactsPerOrganization int = 100

@description('QUOTA_EMAILS_PER_DAY: emails one organization may send per UTC day; later deliveries are recorded suppressed.')
@minValue(1)
@maxValue(1000000)
param quotaEmailsPerDay int = 1000

@description('Key-encryption key of the secrets sealed in Table Storage: Base64 of exactly 32 random bytes (openssl rand -base64 32; the app seals nothing with another value). Stored as the Key Vault secret the app reads (SECRETS_KEK_SECRET_NAME); a new value is a new key version. Empty leaves the vault\'s secret as it is. azd checks the whole rule before provisioning (scripts/check-secrets-kek.sh); this template refuses a value that is not even 44 Base64 characters.')
@secure()
param secretsKeyEncryptionKey string = ''

@description('SECRETS_KEK_REFRESH_SECONDS: how long the app trusts the current key version before asking Key Vault again (a rotation shows up within this).')
@minValue(1)
@maxValue(86400)
param secretsKekRefreshSeconds int = 300

@description('Email address notified by the service\'s own alert rules (poison messages, failed deliveries, a missed daily check or weekly report). Empty deploys the rules without an action group: they fire in Azure Monitor but notify nobody.')
param alertEmail string = ''

@description('Client id of the Entra app registration callers get tokens for (docs/deployment.md, "Turn on Entra ID authentication"). Set: ACCESS_MODE=entra (signed-in people, Entra service tokens and API keys). Empty: ACCESS_MODE=keys (API keys the app issues only).')
param authClientId string = ''

@description('ACCESS_ADMIN_KEY, the bootstrap platform-admin API key (32 to 128 characters: openssl rand -base64 48), stored as a Key Vault secret the app setting references. Empty leaves the vault\'s secret as it is (set it there yourself) and the setting empty.')
@secure()
param accessAdminKey string = ''

@description('Tenant of that app registration; the deployment tenant by default.')
param authTenantId string = tenant().tenantId

var resourceToken = uniqueString(subscription().id, resourceGroup().id, environmentName)
var tags = {
  'azd-env-name': environmentName
  application: 'mazevault-alerts'
}
var identityName = 'id-mazevault-${resourceToken}'
var isFlex = hostingPlan == 'FlexConsumption'
var effectiveWeeklyReportSchedule = !empty(weeklyReportSchedule)
  ? weeklyReportSchedule
  : (isFlex ? '0 0 5,6 * * *' : '0 0 7 * * *')

// Key Vault secret names for the secret-valued settings (the setting name with hyphens).
var secretNames = {
  O365_CLIENT_SECRET: 'O365-CLIENT-SECRET'
  O365_CERTIFICATE_PASSWORD: 'O365-CERTIFICATE-PASSWORD'
  SMTP_PASSWORD: 'SMTP-PASSWORD'
  TEAMS_WEBHOOK_URL: 'TEAMS-WEBHOOK-URL'
  ACCESS_ADMIN_KEY: 'ACCESS-ADMIN-KEY'
}
// The key-encryption key of sealed integration secrets: its versions are the key's versions (docs/deployment.md).
var secretsKekSecretName = 'alerts-secrets-kek'
// Base64 of 32 bytes is 43 characters of the alphabet and one '=' (the range stays inside a shorter value, as ARM may
// evaluate every operand of &&). The rest of the app's rule (not a constant or a repeated pattern) needs the bytes,
// which ARM functions cannot decode: scripts/check-secrets-kek.sh, the azd preprovision hook, checks it.
var secretsKekHasBase64Shape = empty(secretsKeyEncryptionKey) || (length(secretsKeyEncryptionKey) == 44 && endsWith(secretsKeyEncryptionKey, '=') && empty(filter(
  range(0, min(length(secretsKeyEncryptionKey), 43)),
  i => !contains('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', substring(secretsKeyEncryptionKey, i, 1))
)))

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'deployment-package'
    deliveryQueueName: deliveryQueueName
    // MazeVault.Alerts.Core/Storage/TableNames.All: a test keeps the two lists equal.
    tableNames: [
      'Integrations'
      'IncidentContacts'
      'Certificates'
      'RotationConfigs'
      'WeeklyReportSettings'
      'Organizations'
      'Deliveries'
      'AuditEvents'
      'JiraIssues'
      'WeeklyReportRuns'
      'Alerts'
      'AccessGrants'
      'AlertPolicies'
      'AlertStates'
      'Pacing'
      'IdempotencyKeys'
      'RotationExecutions'
      'AccessKeys'
      'IntegrationHealth'
      'RecipientPolicies'
      'Quotas'
    ]
    // MazeVault.Alerts.Core/Storage/BlobContainerNames.All, checked the same way.
    blobContainerNames: [
      'alert-content'
    ]
    identityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-mazevault-${resourceToken}'
    applicationInsightsName: 'appi-mazevault-${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: 'mazevault-${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    alertEmail: alertEmail
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'keyVault'
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    secrets: {
      '${secretNames.O365_CLIENT_SECRET}': o365ClientSecret
      '${secretNames.O365_CERTIFICATE_PASSWORD}': o365CertificatePassword
      '${secretNames.SMTP_PASSWORD}': smtpPassword
      '${secretNames.TEAMS_WEBHOOK_URL}': teamsWebhookUrl
      '${secretNames.ACCESS_ADMIN_KEY}': accessAdminKey
      '${secretsKekSecretName}': secretsKekHasBase64Shape
        ? secretsKeyEncryptionKey
        : fail('SECRETS_KEK (secretsKeyEncryptionKey) cannot seal: it is not Base64 of exactly 32 bytes. Set it to the output of openssl rand -base64 32, or to empty to leave the Key Vault secret as it is.')
    }
    identityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module functionApp 'modules/function-app.bicep' = {
  name: 'functionApp'
  params: {
    name: 'func-mazevault-${resourceToken}'
    planName: 'plan-mazevault-${resourceToken}'
    location: location
    tags: tags
    hostingPlan: hostingPlan
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    premiumPackageBlobName: premiumPackageBlobName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    timeZone: reportTimeZone
    authClientId: authClientId
    authTenantId: authTenantId
    // Names as in docs/configuration.md; a test checks they match what the code binds.
    appSettings: {
      // The app is the one gate (docs/security.md): never local in Azure.
      ACCESS_MODE: empty(authClientId) ? 'keys' : 'entra'
      ACCESS_ADMIN_KEY: empty(accessAdminKey)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.ACCESS_ADMIN_KEY})'
      DAILY_CHECK_SCHEDULE: dailyCheckSchedule
      WEEKLY_REPORT_SCHEDULE: effectiveWeeklyReportSchedule
      RETENTION_SCHEDULE: retentionSchedule
      RETENTION_DELIVERY_DAYS: string(retentionDeliveryDays)
      RETENTION_AUDIT_DAYS: string(retentionAuditDays)
      RETENTION_IDEMPOTENCY_KEY_DAYS: string(retentionIdempotencyKeyDays)
      RETENTION_ROTATION_EXECUTION_DAYS: string(retentionRotationExecutionDays)
      REPORT_TIME_ZONE: reportTimeZone
      DELIVERY_QUEUE_NAME: deliveryQueueName
      DELIVERY_MAX_ATTEMPTS: string(deliveryMaxAttempts)
      DELIVERY_FIRST_BACKOFF_SECONDS: string(deliveryFirstBackoffSeconds)
      DELIVERY_LEASE_SECONDS: string(deliveryLeaseSeconds)
      DELIVERY_TARGET_CACHE_SECONDS: string(deliveryTargetCacheSeconds)
      OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint
      ADMIN_EMAIL: adminEmail
      TEAMS_WEBHOOK_URL: empty(teamsWebhookUrl)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.TEAMS_WEBHOOK_URL})'
      // Lowercase like the spec's examples (string() would give True/False).
      O365_EMAIL_ENABLED: o365EmailEnabled ? 'true' : 'false'
      O365_TENANT_ID: o365TenantId
      O365_CLIENT_ID: empty(o365ClientId) && o365AuthMethod == 'managed_identity'
        ? identity.outputs.clientId
        : o365ClientId
      O365_CLIENT_SECRET: empty(o365ClientSecret)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.O365_CLIENT_SECRET})'
      O365_SENDER_EMAIL: o365SenderEmail
      O365_AUTH_METHOD: o365AuthMethod
      O365_GRAPH_BASE_URL: o365GraphBaseUrl
      O365_AUTHORITY_HOST: o365AuthorityHost
      O365_CERTIFICATE_PATH: o365CertificatePath
      O365_CERTIFICATE_PASSWORD: empty(o365CertificatePassword)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.O365_CERTIFICATE_PASSWORD})'
      SMTP_HOST: smtpHost
      SMTP_PORT: string(smtpPort)
      SMTP_USERNAME: smtpUsername
      SMTP_PASSWORD: empty(smtpPassword)
        ? ''
        : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${secretNames.SMTP_PASSWORD})'
      SMTP_FROM: smtpFrom
      SMTP_SECURITY: smtpSecurity
      SMTP_ALLOW_PLAINTEXT_AUTH: smtpAllowPlaintextAuth ? 'true' : 'false'
      EGRESS_ALLOWED_NETWORKS: egressAllowedNetworks
      CHANNEL_TIMEOUT_SECONDS: string(channelTimeoutSeconds)
      PACING_RATE_PERCENT: string(pacingRatePercent)
      PACING_WEBHOOK_PER_MINUTE: string(pacingWebhookPerMinute)
      INTEGRATION_TEST_TIMEOUT_SECONDS: string(integrationTestTimeoutSeconds)
      INTEGRATION_TEST_LIMIT: string(integrationTestLimit)
      INTEGRATION_TEST_WINDOW_SECONDS: string(integrationTestWindowSeconds)
      ROTATION_FAILURE_EMAILS_PER_DAY: string(rotationFailureEmailsPerDay)
      PACING_EMAIL_PER_MINUTE: string(pacingEmailPerMinute)
      PACING_EMAIL_RECIPIENTS_PER_DAY: string(pacingEmailRecipientsPerDay)
      RECIPIENT_DEFAULT_DOMAINS: recipientDefaultDomains
      QUOTA_INCIDENTS_PER_MINUTE: string(quotaIncidentsPerMinute)
      QUOTA_IMPORT_MAX_ITEMS: string(quotaImportMaxItems)
      QUOTA_INTEGRATIONS_PER_ORGANIZATION: string(quotaIntegrationsPerOrganization)
      QUOTA_INCIDENT_CONTACTS_PER_ORGANIZATION: string(quotaIncidentContactsPerOrganization)
      QUOTA_EMAILS_PER_DAY: string(quotaEmailsPerDay)
      // The app reads the key itself (versions, rotation), with the identity's Key Vault Secrets User role.
      SECRETS_KEY_VAULT_URI: keyVault.outputs.uri
      SECRETS_KEK_SECRET_NAME: secretsKekSecretName
      SECRETS_KEY_VAULT_CLIENT_ID: identity.outputs.clientId
      SECRETS_KEK_REFRESH_SECONDS: string(secretsKekRefreshSeconds)
    }
  }
}

output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
@description('Client id of the app identity (AzureWebJobsStorage__clientId; O365_CLIENT_ID with managed_identity).')
output AZURE_IDENTITY_CLIENT_ID string = identity.outputs.clientId
@description('Grant Mail.Send to this principal when O365_AUTH_METHOD is managed_identity.')
output AZURE_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output DELIVERY_QUEUE_NAME string = deliveryQueueName
output DELIVERY_POISON_QUEUE_NAME string = '${deliveryQueueName}-poison'
output WEEKLY_REPORT_SCHEDULE string = effectiveWeeklyReportSchedule
@description('Application ID URI callers ask a token for (scope <uri>/.default); empty while App Service Authentication is off.')
output AUTH_APPLICATION_ID_URI string = empty(authClientId) ? '' : 'api://${authClientId}'
@description('Redirect URI to add (platform: Web, with ID tokens) to that app registration so operators can sign in to the console; empty while App Service Authentication is off.')
output AUTH_REDIRECT_URI string = empty(authClientId) ? '' : 'https://${functionApp.outputs.defaultHostName}/.auth/login/aad/callback'
