using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>The security baseline, asserted on the ARM JSON that Bicep compiles from infra/main.bicep.</summary>
public sealed partial class SecurityBaselineTests(CompiledMainTemplate main) : IClassFixture<CompiledMainTemplate>
{
    // Built-in role ids the app identity needs, and nothing more.
    private static readonly Dictionary<string, string> RequiredRoles = new()
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
    };

    // Settings whose values are credentials (a Teams Workflows URL carries its signature).
    private static readonly string[] SecretSettings = ["O365_CLIENT_SECRET", "O365_CERTIFICATE_PASSWORD", "SMTP_PASSWORD", "TEAMS_WEBHOOK_URL", "ACCESS_ADMIN_KEY"];

    /// <summary>Secure parameters that are no app setting: the app reads them from Key Vault itself.</summary>
    private static readonly string[] VaultOnlySecrets = ["secretsKeyEncryptionKey"];

    [Fact]
    public void Storage_account_refuses_shared_keys_old_tls_plain_http_and_public_blobs()
    {
        var (_, account) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Function_app_is_https_only_with_tls_1_2_and_no_ftp_or_basic_auth_publishing()
    {
        var (template, site) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Web/sites"));
        var properties = site["properties"]!;
        var siteConfig = properties["siteConfig"]!;

        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", siteConfig["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("1.2", siteConfig["scmMinTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", siteConfig["ftpsState"]!.GetValue<string>());
        Assert.Null(siteConfig["connectionStrings"]);
        Assert.Contains("functionapp", ArmTemplate.Text(site["kind"]), StringComparison.Ordinal);
        Assert.Contains("linux", ArmTemplate.Text(site["kind"]), StringComparison.Ordinal);

        var policies = template.Resources.Where(r => ArmTemplate.Type(r) == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(p => PolicyName().Match(ArmTemplate.Text(p["name"])).Groups[1].Value).Order());
        Assert.All(policies, p => Assert.False(p["properties"]!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void Flex_consumption_is_the_default_with_dotnet_10_and_identity_based_deployment_storage()
    {
        var (_, site) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Web/sites"));
        var functionAppConfig = ArmTemplate.Text(site["properties"]!["functionAppConfig"]);

        Assert.Equal("FlexConsumption", main.Root.ParameterDeclaration("hostingPlan")!["defaultValue"]!.GetValue<string>());
        Assert.Contains("'runtime', createObject('name', 'dotnet-isolated', 'version', '10.0')", functionAppConfig, StringComparison.Ordinal);
        Assert.Contains("'authentication', createObject('type', 'UserAssignedIdentity'", functionAppConfig, StringComparison.Ordinal);
        Assert.Contains("'FC1'", ArmTemplate.Text(Assert.Single(main.Root.ResourcesOfType("Microsoft.Web/serverfarms")).Resource["sku"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_app_runs_as_the_user_assigned_identity_and_resolves_key_vault_references_with_it()
    {
        var (_, site) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Web/sites"));

        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("[parameters('identityId')]", ArmTemplate.Text(site["properties"]!["keyVaultReferenceIdentity"]));
        Assert.Equal("managedidentity", main.Setting("AzureWebJobsStorage__credential").Value);
        Assert.Equal("[parameters('identityClientId')]", main.Setting("AzureWebJobsStorage__clientId").Value);
        foreach (var endpoint in new[] { "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri" })
        {
            Assert.StartsWith("[parameters(", main.Setting(endpoint).Value, StringComparison.Ordinal);
        }

        Assert.Contains("Authorization=AAD", main.Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_insights_accepts_only_entra_authenticated_telemetry()
    {
        var (_, component) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Insights/components"));

        Assert.True(component["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(component["properties"]!["WorkspaceResourceId"]);
        Assert.Single(main.Root.ResourcesOfType("Microsoft.OperationalInsights/workspaces"));
    }

    [Fact]
    public void Key_vault_uses_rbac_and_no_access_policies()
    {
        var (_, vault) = Assert.Single(main.Root.ResourcesOfType("Microsoft.KeyVault/vaults"));

        Assert.True(vault["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Null(vault["properties"]!["accessPolicies"]);
        Assert.Empty(main.Root.ResourcesOfType("Microsoft.KeyVault/vaults/accessPolicies"));
    }

    [Fact]
    public void App_settings_hold_no_connection_string_account_key_or_sas()
    {
        // The App Insights connection string names a component; with local auth off it grants nothing.
        var allowedConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

        Assert.DoesNotContain(main.AppSettings, s => s.Name == "AzureWebJobsStorage");
        foreach (var setting in main.AppSettings)
        {
            Assert.DoesNotContain("AccountKey", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DefaultEndpointsProtocol", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listAccountSas", setting.Value, StringComparison.OrdinalIgnoreCase);
            if (setting.Name != allowedConnectionString)
            {
                Assert.False(setting.Name.Replace("_", "", StringComparison.Ordinal).Contains("CONNECTIONSTRING", StringComparison.OrdinalIgnoreCase),
                    $"{setting.Name} looks like a connection string");
            }
        }
    }

    [Fact]
    public void Secret_settings_are_key_vault_references_never_values()
    {
        foreach (var name in SecretSettings)
        {
            var setting = main.Setting(name);
            Assert.True(main.Root.SecureParameters.Any(p => setting.Value.Contains($"parameters('{p}')", StringComparison.Ordinal)),
                $"{name} should come from a @secure() parameter: {setting.Value}");
            Assert.Contains("@Microsoft.KeyVault(SecretUri=", setting.Value, StringComparison.Ordinal);
        }

        // Any setting that depends on a secure parameter may only test it for emptiness and otherwise point at Key Vault.
        foreach (var setting in main.AppSettings)
        {
            Assert.False(ExposesSecureParameter(setting.Value, setting.Scope),
                $"{setting.Name} carries a secure parameter's value: {setting.Value}");
        }
    }

    [Fact]
    public void The_key_encryption_key_is_a_vault_secret_from_its_secure_parameter_under_the_name_the_app_reads()
    {
        var vault = main.Root.Modules.Single(m => m.Name == "keyVault");
        var secrets = vault.PassedParameter("secrets")!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("parameters('secretsKeyEncryptionKey')", secrets, StringComparison.Ordinal);
        Assert.Contains("variables('secretsKekSecretName')", secrets, StringComparison.Ordinal);

        Assert.Equal(new MazeVault.Alerts.Core.Secrets.SecretsOptions().KekSecretName, ArmTemplate.Text(main.Root.Variable("secretsKekSecretName")));
        Assert.Contains("variables('secretsKekSecretName')", main.Setting("SECRETS_KEK_SECRET_NAME").Value, StringComparison.Ordinal);
        Assert.Contains("keyVault", main.Setting("SECRETS_KEY_VAULT_URI").Value, StringComparison.Ordinal);
        Assert.Contains("identity", main.Setting("SECRETS_KEY_VAULT_CLIENT_ID").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void No_output_of_main_or_a_module_carries_a_secure_parameter()
    {
        var outputs = main.Root.SelfAndModules
            .SelectMany(t => (t.Json["outputs"]?.AsObject() ?? []).Select(o => (Template: t, o.Key, Value: ArmTemplate.Text(o.Value!["value"]))))
            .ToList();

        // Module outputs count too: main passes them on (the App Insights connection string, the identity's ids).
        Assert.Contains(outputs, o => o.Template != main.Root);
        Assert.All(outputs, o => Assert.False(ExposesSecureParameter(o.Value, o.Template), $"{o.Template.Name} output {o.Key} carries a secure parameter: {o.Value}"));
    }

    [Fact]
    public void Secure_parameters_have_no_default_but_empty()
    {
        Assert.Equal(SecretSettings.Length + VaultOnlySecrets.Length, main.Root.SecureParameters.Count);
        foreach (var name in main.Root.SecureParameters)
        {
            var defaultValue = main.Root.ParameterDeclaration(name)!["defaultValue"];
            Assert.True(defaultValue is null || ArmTemplate.Text(defaultValue) == "", $"{name} has a default value");
        }
    }

    [Fact]
    public void Parameter_file_holds_no_secret_values()
    {
        // With no secret in the environment, every secure parameter must come out empty: none is written in the file.
        var environment = new[] { "O365_CLIENT_SECRET", "O365_CERTIFICATE_PASSWORD", "SMTP_PASSWORD", "TEAMS_WEBHOOK_URL", "SECRETS_KEK", "ACCESS_ADMIN_KEY" }
            .ToDictionary(n => n, string? (_) => null);
        var result = BicepCli.Run(environment, "build-params", InfraPaths.MainParameters, "--stdout");
        Assert.Equal(0, result.ExitCode);
        var parameters = JsonNode.Parse(JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>())!["parameters"]!;

        foreach (var name in main.Root.SecureParameters)
        {
            var value = parameters[name]?["value"];
            Assert.True(value is null || ArmTemplate.Text(value) == "", $"main.bicepparam sets {name} to a literal");
        }
    }

    [Fact]
    public void Entra_authentication_when_a_client_id_is_given_validates_tokens_and_leaves_the_app_to_refuse_callers_without_one()
    {
        var (module, auth) = Assert.Single(main.Root.ResourcesOfType("Microsoft.Web/sites/config"),
            r => ArmTemplate.Text(r.Resource["name"]).Contains("'authsettingsV2'", StringComparison.Ordinal));
        var properties = auth["properties"]!;

        // Deployed only with a client id: the module's parameter is main's authClientId, empty (off) by default.
        Assert.Equal("[not(empty(parameters('authClientId')))]", ArmTemplate.Text(auth["condition"]));
        Assert.Equal("[parameters('authClientId')]", ArmTemplate.Text(module.PassedParameter("authClientId")));
        Assert.Equal("", ArmTemplate.Text(main.Root.ParameterDeclaration("authClientId")!["defaultValue"]));
        Assert.Equal("[parameters('authTenantId')]", ArmTemplate.Text(module.PassedParameter("authTenantId")));

        Assert.True(properties["platform"]!["enabled"]!.GetValue<bool>());
        var validation = properties["globalValidation"]!;
        // API-key callers carry no token: the platform lets them through and the app (ACCESS_MODE=entra) answers 401 itself.
        Assert.False(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("AllowAnonymous", validation["unauthenticatedClientAction"]!.GetValue<string>());
        Assert.Null(validation["excludedPaths"]);

        var entra = properties["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True(entra["enabled"]!.GetValue<bool>());
        Assert.Equal("[parameters('authClientId')]", ArmTemplate.Text(entra["registration"]!["clientId"]));
        Assert.Equal("[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, parameters('authTenantId'))]",
            ArmTemplate.Text(entra["registration"]!["openIdIssuer"]));
        // No client secret: browsers sign in with the id_token flow, services send bearer tokens.
        Assert.Null(entra["registration"]!["clientSecretSettingName"]);
        Assert.Null(entra["registration"]!["clientSecretCertificateThumbprint"]);
        Assert.Equal(["[format('api://{0}', parameters('authClientId'))]", "[parameters('authClientId')]"],
            entra["validation"]!["allowedAudiences"]!.AsArray().Select(ArmTemplate.Text));

        var login = properties["login"]!;
        Assert.False(login["tokenStore"]!["enabled"]!.GetValue<bool>());
        // A browser signs in to the console and comes back to the screen it was on (#/...), for a working day at most.
        Assert.Equal("azureActiveDirectory", validation["redirectToProvider"]!.GetValue<string>());
        Assert.True(login["preserveUrlFragmentsForLogins"]!.GetValue<bool>());
        Assert.Equal("08:00:00", login["cookieExpiration"]!["timeToExpiration"]!.GetValue<string>());
        Assert.True(login["nonce"]!["validateNonce"]!.GetValue<bool>());
        Assert.Equal("[if(empty(parameters('authClientId')), '', format('https://{0}/.auth/login/aad/callback', reference(resourceId('Microsoft.Resources/deployments', 'functionApp'), '2025-04-01').outputs.defaultHostName.value))]",
            ArmTemplate.Text(main.Root.Json["outputs"]!["AUTH_REDIRECT_URI"]!["value"]));
        Assert.True(properties["httpSettings"]!["requireHttps"]!.GetValue<bool>());

        // The scope callers ask for, empty while authentication is off.
        Assert.Equal("[if(empty(parameters('authClientId')), '', format('api://{0}', parameters('authClientId')))]",
            ArmTemplate.Text(main.Root.Json["outputs"]!["AUTH_APPLICATION_ID_URI"]!["value"]));
    }

    [Fact]
    public void Access_mode_is_entra_with_a_client_id_else_keys_and_never_local()
    {
        Assert.Equal("[if(empty(parameters('authClientId')), 'keys', 'entra')]", main.Setting("ACCESS_MODE").Value);
        Assert.Equal("local", LocalSettingsSample.Values()["ACCESS_MODE"]);
    }

    [Fact]
    public void Parameter_file_turns_entra_authentication_on_only_with_AUTH_CLIENT_ID()
    {
        const string clientId = "11111111-2222-3333-4444-555555555555";
        foreach (var (environmentValue, expected) in new[] { ((string?)null, ""), (clientId, clientId) })
        {
            var result = BicepCli.Run(new Dictionary<string, string?> { ["AUTH_CLIENT_ID"] = environmentValue }, "build-params", InfraPaths.MainParameters, "--stdout");
            Assert.Equal(0, result.ExitCode);
            var parameters = JsonNode.Parse(JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>())!["parameters"]!;

            Assert.Equal(expected, ArmTemplate.Text(parameters["authClientId"]?["value"]));
            // The tenant stays the template's default: the deployment's.
            Assert.Null(parameters["authTenantId"]);
        }
    }

    [Fact]
    public void Identity_is_granted_exactly_the_required_roles()
    {
        var assignments = main.Root.ResourcesOfType("Microsoft.Authorization/roleAssignments").ToList();
        var granted = assignments.Select(a => RoleId(a.Template, ArmTemplate.Text(a.Resource["properties"]!["roleDefinitionId"]))).ToList();

        Assert.Equal(RequiredRoles.Keys.Order(), granted.Order());
        Assert.All(assignments, a =>
        {
            var principal = ArmTemplate.Text(a.Resource["properties"]!["principalId"]);
            Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", a.Template.ReferencedResourceType(principal));
            Assert.EndsWith(".principalId]", principal, StringComparison.Ordinal);
            Assert.Equal("ServicePrincipal", a.Resource["properties"]!["principalType"]!.GetValue<string>());
        });
    }

    /// <summary>Follows variables and module parameters back to a secure parameter used other than in empty().</summary>
    private static bool ExposesSecureParameter(string expression, ArmTemplate scope)
    {
        var secure = scope.SecureParameters;
        var remaining = EmptyTest().Replace(expression, m => secure.Contains(m.Groups["name"].Value) ? "true" : m.Value);
        foreach (Match reference in ArmTemplate.ReferencePattern().Matches(remaining))
        {
            var name = reference.Groups["name"].Value;
            if (reference.Groups["kind"].Value == "variables")
            {
                if (ExposesSecureParameter(ArmTemplate.Text(scope.Variable(name)), scope))
                {
                    return true;
                }
            }
            else if (secure.Contains(name)
                     || (scope.Parent is not null && ExposesSecureParameter(ArmTemplate.Text(scope.PassedParameter(name)), scope.Parent)))
            {
                return true;
            }
        }

        return false;
    }

    private static string RoleId(ArmTemplate template, string roleDefinitionId)
    {
        var variable = ArmTemplate.ReferencePattern().Match(roleDefinitionId);
        var text = variable.Success && variable.Groups["kind"].Value == "variables"
            ? ArmTemplate.Text(template.Variable(variable.Groups["name"].Value))
            : roleDefinitionId;
        return Guid().Match(text).Value;
    }

    [GeneratedRegex(@"empty\(parameters\('(?<name>[^']+)'\)\)")]
    private static partial Regex EmptyTest();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"'([a-z]+)'\)\]$")]
    private static partial Regex PolicyName();
}
