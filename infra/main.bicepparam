// Parameters for infra/main.bicep. Secrets come from environment variables of the shell that deploys:
//   export POSTGRES_ADMIN_PASSWORD=... LINK_SIGNING_KEY="$(openssl rand -base64 32)"
using 'main.bicep'

param baseName = 'workshopbot'
param botDisplayName = 'WorkshopBot'
param partnershipName = 'Safeguarding Children Partnership'
param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param linkSigningKey = readEnvironmentVariable('LINK_SIGNING_KEY')
param admins = []
param chairs = []
param graphEnabled = false
param enableApplicationInsights = false
