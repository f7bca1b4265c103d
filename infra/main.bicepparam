// Example parameters. azd fills AZURE_ENV_NAME and AZURE_LOCATION; secrets come from environment
// variables (azd env set O365_CLIENT_SECRET ...), never from this file.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'mazevault')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')

// FlexConsumption (UTC schedules) or ElasticPremium (WEBSITE_TIME_ZONE = reportTimeZone).
param hostingPlan = readEnvironmentVariable('HOSTING_PLAN', 'FlexConsumption')

param dailyCheckSchedule = '0 0 6 * * *'
// Empty: the plan's default (0 0 5,6 * * * UTC on Flex, 0 0 7 * * * local on Premium; the code sends on Monday 07:00 and catches up later that week).
param weeklyReportSchedule = ''
param reportTimeZone = 'Europe/Prague'
param deliveryQueueName = 'alert-deliveries'
param deliveryMaxAttempts = 8

param adminEmail = readEnvironmentVariable('ADMIN_EMAIL', '')
param teamsWebhookUrl = readEnvironmentVariable('TEAMS_WEBHOOK_URL', '')

// Office365 via Microsoft Graph (recommended). docs/deployment.md describes the manual Mail.Send grant.
param o365EmailEnabled = bool(readEnvironmentVariable('O365_EMAIL_ENABLED', 'false'))
param o365ClientId = readEnvironmentVariable('O365_CLIENT_ID', '')
param o365ClientSecret = readEnvironmentVariable('O365_CLIENT_SECRET', '')
param o365SenderEmail = readEnvironmentVariable('O365_SENDER_EMAIL', '')
param o365AuthMethod = readEnvironmentVariable('O365_AUTH_METHOD', 'client_secret')

// SMTP (legacy), used when O365 is off and SMTP_HOST is set.
param smtpHost = readEnvironmentVariable('SMTP_HOST', '')
param smtpPort = int(readEnvironmentVariable('SMTP_PORT', '587'))
param smtpUsername = readEnvironmentVariable('SMTP_USERNAME', '')
param smtpPassword = readEnvironmentVariable('SMTP_PASSWORD', '')
param smtpFrom = readEnvironmentVariable('SMTP_FROM', '')
param smtpSecurity = 'starttls'

// Internal networks vendor calls may reach (comma-separated CIDRs); empty: public addresses only.
param egressAllowedNetworks = readEnvironmentVariable('EGRESS_ALLOWED_NETWORKS', '')

// Key-encryption key of sealed integration secrets: azd env set SECRETS_KEK "$(openssl rand -base64 32)" before the
// first deployment; leave it unset afterwards unless you are rotating (docs/deployment.md).
param secretsKeyEncryptionKey = readEnvironmentVariable('SECRETS_KEK', '')
param secretsKekRefreshSeconds = 300

// The service's own alert rules email this address (poison messages, failed deliveries, a missed daily check or
// weekly report); empty deploys the rules with no action group: they fire in Azure Monitor but email nobody.
param alertEmail = readEnvironmentVariable('ALERT_EMAIL', '')

// Entra ID authentication (App Service Authentication): the client id of the app registration callers get tokens
// for; empty leaves it off and function keys protect the API (docs/deployment.md). The tenant is the deployment's.
param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID', '')
// azd env set ACCESS_ADMIN_KEY "$(openssl rand -base64 48)": the bootstrap platform-admin API key (docs/security.md).
param accessAdminKey = readEnvironmentVariable('ACCESS_ADMIN_KEY', '')
