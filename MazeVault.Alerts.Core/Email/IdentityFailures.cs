using System.Text.Json;
using Azure;
using MazeVault.Alerts.Core.Channels;
using Microsoft.Identity.Client;

namespace MazeVault.Alerts.Core.Email;

/// <summary>
/// A failed token request classified the way vendor answers are: the identity platform's 408, 429 and 5xx, a timeout
/// or a connection failure are worth retrying (after its Retry-After); a definitive refusal is permanent, with the
/// setting to check named from the AADSTS code. Status and codes come from the SDK's exception, never its message text.
/// </summary>
public static class IdentityFailures
{
    private static readonly Dictionary<string, string> Advice = new(StringComparer.Ordinal)
    {
        ["7000215"] = "the client secret is wrong: check O365_CLIENT_SECRET",
        ["7000222"] = "the client secret has expired: create a new one on the app registration and update O365_CLIENT_SECRET",
        ["700027"] = "the certificate is not accepted: upload the public key of O365_CERTIFICATE_PATH to the app registration, and check it has not expired",
        ["700016"] = "no application O365_CLIENT_ID in tenant O365_TENANT_ID: check both",
        ["90002"] = "tenant O365_TENANT_ID was not found",
        ["900023"] = "O365_TENANT_ID is not a valid tenant id or domain",
        ["7000112"] = "the application is disabled in the tenant",
        ["700024"] = "the client assertion is outside its valid time: check the server's clock",
        ["50034"] = "the account does not exist in the tenant",
    };

    public static DeliveryOutcome Classify(Exception exception, string failurePrefix, string authMethod, DateTimeOffset now)
    {
        if (ExceptionChain.Find<MsalServiceException>(exception) is { } refusal)
        {
            return Classify(refusal.StatusCode, Code(refusal), HttpDelivery.RetryAfter(refusal.Headers?.RetryAfter, now), failurePrefix, authMethod);
        }

        if (ExceptionChain.Find<RequestFailedException>(exception) is { Status: > 0 } answer)
        {
            // The managed identity endpoint answers through Azure.Core rather than MSAL's token client.
            return Classify(answer.Status, answer.ErrorCode ?? answer.Status.ToString(), null, failurePrefix, authMethod);
        }

        if (ExceptionChain.Find<HttpRequestException>(exception) is not null || ExceptionChain.Find<OperationCanceledException>(exception) is not null
            || ExceptionChain.Find<RequestFailedException>(exception) is not null)
        {
            return new DeliveryOutcome.Retryable($"{failurePrefix}: token endpoint unreachable");
        }

        return new DeliveryOutcome.Permanent($"{failurePrefix}: Azure AD token request failed: check O365_TENANT_ID, O365_CLIENT_ID and the {authMethod} credential");
    }

    private static DeliveryOutcome Classify(int status, string code, TimeSpan? retryAfter, string failurePrefix, string authMethod)
    {
        if (status is 408 or 429 or >= 500)
        {
            return new DeliveryOutcome.Retryable($"{failurePrefix}: the identity platform answered {status} to the token request", retryAfter);
        }

        var advice = Advice.TryGetValue(code, out var known) ? known
            : code == "unauthorized_client" ? "the application may not use client credentials in this tenant: check admin consent and O365_CLIENT_ID"
            : $"check O365_TENANT_ID, O365_CLIENT_ID and the {authMethod} credential";
        var label = char.IsDigit(code.FirstOrDefault()) ? $"AADSTS{code}" : code;
        return new DeliveryOutcome.Permanent($"{failurePrefix}: Azure AD token request refused ({status} {label}): {advice}");
    }

    /// <summary>The AADSTS number when the answer has one (error_codes), else the OAuth error (invalid_client, ...).</summary>
    private static string Code(MsalServiceException refusal)
    {
        try
        {
            using var body = JsonDocument.Parse(refusal.ResponseBody ?? "");
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("error_codes", out var codes)
                && codes.ValueKind == JsonValueKind.Array && codes.GetArrayLength() > 0)
            {
                return codes[0].ToString();
            }
        }
        catch (JsonException)
        {
            // Not the identity platform's JSON (a proxy's page): the OAuth error code is all there is.
        }

        return refusal.ErrorCode ?? "unknown";
    }
}
