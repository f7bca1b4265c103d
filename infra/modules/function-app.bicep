// The Function App (.NET 10 isolated worker on Linux) and its plan: Flex Consumption by default,
// Elastic Premium on request. It runs as the user-assigned identity and reaches storage,
// Application Insights and Key Vault through it: no connection string or key in any setting.

@description('Function App name.')
param name string

@description('Hosting plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('FlexConsumption (FC1, the default) or ElasticPremium (EP1, where WEBSITE_TIME_ZONE works).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Storage account name.')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Elastic Premium only: blob name of the package the app runs from, in the deployment container.')
param premiumPackageBlobName string

@description('Application Insights connection string (not a secret: local auth is disabled).')
param applicationInsightsConnectionString string

@description('Elastic Premium only: WEBSITE_TIME_ZONE (IANA on Linux).')
param timeZone string

@description('The settings the code reads (docs/configuration.md), secrets as Key Vault references.')
param appSettings object

@description('Client id of the Entra app registration whose tokens the app accepts; empty leaves App Service Authentication off.')
param authClientId string

@description('Tenant of that app registration.')
param authTenantId string

var isFlex = hostingPlan == 'FlexConsumption'

// Identity-based host storage (AzureWebJobsStorage__*): StorageClients reads the service URIs and clientId.
var storageSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
}

// Entra-authenticated telemetry: the component has local auth disabled.
var monitoringSettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// Flex sets the runtime in functionAppConfig and rejects these; Elastic Premium needs them. Without
// shared keys there is no Azure Files content share, so Premium runs from the package blob via the identity.
var premiumSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  WEBSITE_TIME_ZONE: timeZone
  WEBSITE_RUN_FROM_PACKAGE: '${deploymentContainerUrl}/${premiumPackageBlobName}'
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityId
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: 'EP1'
        tier: 'ElasticPremium'
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : 20
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity (there is no system-assigned one).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: deploymentContainerUrl
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identityId
              }
            }
          }
          scaleAndConcurrency: {
            maximumInstanceCount: 40
            instanceMemoryMB: 2048
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
        }
      : null
  }
}

resource appSettingsConfig 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(storageSettings, monitoringSettings, appSettings, isFlex ? {} : premiumSettings)
}

// App Service Authentication (ACCESS_MODE=entra): the platform validates the caller's Entra bearer token (or a signed-in
// browser session) and hands the worker its claims in X-MS-CLIENT-PRINCIPAL. It lets requests without a token through,
// because API-key callers have none: the app is the one gate and answers 401 problem+json itself (docs/security.md).
// The app only validates tokens and never signs anyone in: no client secret, no token store.
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(authClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
      // Where /.auth/login sends a browser (the console's "Sign in with Entra ID").
      redirectToProvider: 'azureActiveDirectory'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          // v1 tokens name the application ID URI as audience, v2 tokens the client id.
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    // Operators sign in to the console in a browser (docs/deployment.md): the id_token flow needs no client secret,
    // only the redirect URI and "ID tokens" on the app registration. The console's screens are URL fragments (#/...),
    // kept across the sign-in round trip; sessions end after a working day.
    login: {
      tokenStore: {
        enabled: false
      }
      preserveUrlFragmentsForLogins: true
      cookieExpiration: {
        convention: 'FixedTime'
        timeToExpiration: '08:00:00'
      }
      nonce: {
        validateNonce: true
        nonceExpirationInterval: '00:05:00'
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

// No basic-auth publishing: FTP and SCM deployments must authenticate with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
