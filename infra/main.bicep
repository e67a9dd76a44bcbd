// WorkshopBot on Azure: an Azure Bot (single tenant, user-assigned managed identity), App Service for Linux running
// the bot, Azure Database for PostgreSQL Flexible Server as its store, Key Vault for its secrets (read by App
// Service through the same identity) and, optionally, Application Insights.
//
// Why PostgreSQL and not the SQLite default: App Service keeps files that must survive a restart on a network share
// (/home, Azure Files over SMB), where SQLite's write-ahead log cannot work: WAL needs shared memory between the
// processes that open the file, which a network file system does not provide, so the database can be corrupted.
// A second instance (scale-out, or a deployment slot swap) would also need a shared store.
//
//   az deployment group create -g <resource group> -f infra/main.bicep -p infra/main.bicepparam

targetScope = 'resourceGroup'

@description('Short lowercase name used in every resource name (lowercase letters and digits, 3 to 12 characters: PostgreSQL server names must be lowercase).')
@minLength(3)
@maxLength(12)
param baseName string

@description('Azure region for everything except the bot registration (global).')
param location string = resourceGroup().location

@description('Name shown for the bot in Teams.')
param botDisplayName string = 'WorkshopBot'

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams are free on either) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan for Linux: B1 for a pilot, P0v3 or above for production (needed for more than one instance). Only plans with Always On: the bot\'s jobs (reminders, safety alert re-sends, retention) stop while an app without it sleeps.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
  'P1mv3'
  'P2mv3'
  'P3mv3'
  'P4mv3'
  'P5mv3'
])
param appServiceSku string = 'B1'

@description('PostgreSQL administrator login (the bot connects with it; see the README for a dedicated role).')
param postgresAdminLogin string = 'workshopbot'

@description('PostgreSQL administrator password.')
@secure()
param postgresAdminPassword string

@description('PostgreSQL compute tier: Standard_B1ms (Burstable) suits one partnership.')
param postgresSku string = 'Standard_B1ms'

@description('Days of PostgreSQL point-in-time backups (7 to 35).')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 35

@description('Base64 of at least 32 random bytes that signs download links (e.g. openssl rand -base64 32).')
@secure()
param linkSigningKey string

@description('Name of the safeguarding partnership, shown on welcome cards and briefings.')
param partnershipName string = 'Safeguarding Children Partnership'

@description('Entra object ids of partnership admins (empty with no chairs: anyone may chair, pilot mode).')
param admins array = []

@description('Entra object ids of people who may create and chair audits.')
param chairs array = []

@description('Upload briefing documents to the channel\'s Files through Microsoft Graph (grant the permission first).')
param graphEnabled bool = false

@description('Empty, or any new word to give the Key Vault a new name: a deleted vault keeps its name for 90 days (purge protection), so a redeploy into a resource group whose vault was deleted needs one.')
param keyVaultNameSalt string = ''

@description('Create Application Insights (with a Log Analytics workspace) and give the bot its connection string.')
param enableApplicationInsights bool = false

var suffix = uniqueString(resourceGroup().id, baseName)
// Without a salt the vault keeps the name earlier deployments gave it.
var keyVaultSuffix = empty(keyVaultNameSalt) ? suffix : uniqueString(resourceGroup().id, baseName, keyVaultNameSalt)
var names = {
  identity: 'id-${baseName}'
  plan: 'asp-${baseName}'
  app: 'app-${baseName}-${suffix}'
  bot: 'bot-${baseName}-${suffix}'
  keyVault: take('kv${baseName}${keyVaultSuffix}', 24)
  postgres: 'psql-${baseName}-${suffix}'
  workspace: 'log-${baseName}'
  insights: 'appi-${baseName}'
}
var databaseName = 'workshopbot'

// Key Vault Secrets User: read secret values, nothing else.
var keyVaultSecretsUserRole = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '4633458b-17de-408a-b874-0445c86b69e6'
)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.keyVault
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource linkSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'link-signing-key'
  properties: {
    value: linkSigningKey
  }
}

resource postgresConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'postgres-connection-string'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Database=${databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=VerifyFull'
  }
}

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRole)
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: names.postgres
  location: location
  sku: {
    name: postgresSku
    tier: startsWith(postgresSku, 'Standard_B') ? 'Burstable' : 'GeneralPurpose'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 to 0.0.0.0 is Azure's "allow Azure services" rule: the App Service has no fixed outbound address without VNet
// integration, so this lets it in, and with it any host in Azure (any subscription), which still needs the password; TLS
// is required (require_secure_transport is on) and the bot checks the server's certificate (SSL Mode=VerifyFull). The
// README ("Database access") says how to use VNet integration and private access instead.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (enableApplicationInsights) {
  name: names.workspace
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: names.app
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // App settings that say @Microsoft.KeyVault(...) are read with this identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      appCommandLine: 'dotnet WorkshopBot.dll'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// No publishing with user names and passwords (publish profiles): az webapp deploy signs in with Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

var keyVaultReference = '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName='

// The bot's settings (the keys of appsettings.sample.json, Section__Key); a child resource, so the public URL can use
// the site's own host name. Key Vault references resolve before the bot starts; the identity reads them.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(
    {
      MicrosoftAppType: 'UserAssignedMSI'
      MicrosoftAppId: identity.properties.clientId
      MicrosoftAppTenantId: tenant().tenantId
      Storage__Provider: 'Postgres'
      Storage__PostgresConnectionString: '${keyVaultReference}${postgresConnectionSecret.name})'
      WorkshopBot__LinkSigningKey: '${keyVaultReference}${linkSigningKeySecret.name})'
      WorkshopBot__PartnershipName: partnershipName
      WorkshopBot__PublicBaseUrl: 'https://${app.properties.defaultHostName}'
      Graph__Enabled: string(graphEnabled)
      Graph__TenantId: tenant().tenantId
    },
    toObject(range(0, length(admins)), i => 'WorkshopBot__Admins__${i}', i => string(admins[i])),
    toObject(range(0, length(chairs)), i => 'WorkshopBot__Chairs__${i}', i => string(chairs[i])),
    enableApplicationInsights ? { APPLICATIONINSIGHTS_CONNECTION_STRING: insights!.properties.ConnectionString } : {}
  )
  dependsOn: [
    secretsReader
    database
    allowAzureServices
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenant().tenantId
    disableLocalAuth: true
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The bot\'s messaging endpoint.')
output messagingEndpoint string = bot.properties.endpoint

@description('The app id to put in the Teams manifest (the managed identity\'s client id).')
output microsoftAppId string = identity.properties.clientId

@description('The web app to deploy the published bot to.')
output webAppName string = app.name

@description('The managed identity\'s service principal (grant it Graph permissions for DOCX uploads).')
output identityPrincipalId string = identity.properties.principalId

output keyVaultName string = keyVault.name
output postgresHost string = postgres.properties.fullyQualifiedDomainName
