using Azure.Core.Pipeline;
using Azure.Identity;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Egress;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.SendMail;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;

namespace MazeVault.Alerts.Core.Email;

/// <summary>Office365 via Microsoft Graph <c>POST /users/{sender}/sendMail</c> (answers 202), app-only token from Azure.Identity.</summary>
public sealed class GraphEmailTransport : IEmailTransport
{
    public const string TransportName = "Office365 OAuth2";
    /// <summary>Named HTTP clients: Graph calls, and the token requests of the credential.</summary>
    public const string GraphClientName = "MazeVault.Alerts.Graph";
    public const string IdentityClientName = "MazeVault.Alerts.O365Identity";
    /// <summary>The token requests of the managed-identity credential, the only client that reaches the platform's identity endpoint.</summary>
    public const string ManagedIdentityClientName = "MazeVault.Alerts.O365ManagedIdentity";

    private const string FailurePrefix = "graph sendMail error";
    private readonly O365Options _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _clock;
    private readonly Lazy<IAuthenticationProvider> _authentication;

    public GraphEmailTransport(IOptions<O365Options> options, IHttpClientFactory httpClientFactory, TimeProvider clock)
    {
        _options = options.Value;
        _httpClientFactory = httpClientFactory;
        _clock = clock;
        // One credential for the process, so its token cache spares a token request per email.
        _authentication = new Lazy<IAuthenticationProvider>(() =>
        {
            // The managed-identity credential has a client of its own: only it may reach the platform's identity endpoint.
            var identityClient = _options.EffectiveAuthMethod == O365Options.ManagedIdentity ? ManagedIdentityClientName : IdentityClientName;
            var credential = O365Credentials.Create(_options, new HttpClientTransport(httpClientFactory.CreateClient(identityClient)));
            return new AzureIdentityAuthenticationProvider(credential, [new Uri(_options.EffectiveGraphBaseUrl).Host], scopes: O365Credentials.Scope(_options));
        });
    }

    public string Name => TransportName;

    public string? Mailbox => _options.SenderEmail;

    public async Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken ct)
    {
        try
        {
            using var client = new GraphServiceClient(_httpClientFactory.CreateClient(GraphClientName), _authentication.Value, _options.EffectiveGraphBaseUrl);
            await client.Users[_options.SenderEmail].SendMail.PostAsync(Body(message), cancellationToken: ct);
            return new DeliveryOutcome.Delivered();
        }
        catch (ODataError e)
        {
            return Classify(e.ResponseStatusCode, e.Error?.Code, e.ResponseHeaders);
        }
        catch (ApiException e)
        {
            return Classify(e.ResponseStatusCode, null, e.ResponseHeaders);
        }
        catch (Exception e) when (EgressRefusedException.In(e) is { } refused)
        {
            return new DeliveryOutcome.Permanent(refused.PlainHttp
                ? $"{FailurePrefix}: {refused.Reason}: O365_GRAPH_BASE_URL or O365_AUTHORITY_HOST is plain http"
                : $"{FailurePrefix}: destination not allowed (O365_GRAPH_BASE_URL or O365_AUTHORITY_HOST resolves to an internal address)");
        }
        catch (CredentialUnavailableException)
        {
            return new DeliveryOutcome.Permanent($"{FailurePrefix}: no {_options.EffectiveAuthMethod} credential is available in this environment");
        }
        catch (AuthenticationFailedException e)
        {
            // The exception text carries tenant and client ids; its status and AADSTS code say what to do.
            return IdentityFailures.Classify(e, FailurePrefix, _options.EffectiveAuthMethod, _clock.GetUtcNow());
        }
        catch (HttpRequestException)
        {
            return new DeliveryOutcome.Retryable($"{FailurePrefix}: connection to Microsoft Graph failed");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome.Retryable($"{FailurePrefix}: request timed out");
        }
    }

    private static SendMailPostRequestBody Body(EmailMessage message) => new()
    {
        Message = new Message
        {
            Subject = message.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = message.HtmlBody },
            ToRecipients = message.To.Select(address => new Recipient { EmailAddress = new EmailAddress { Address = address } }).ToList(),
            Attachments = message.Attachments.Select(a => (Attachment)new FileAttachment
            {
                OdataType = "#microsoft.graph.fileAttachment",
                Name = a.FileName,
                ContentType = a.ContentType,
                ContentBytes = a.Content,
            }).ToList(),
        },
        SaveToSentItems = false,
    };

    /// <summary>403 is the Mail.Send permission or consent, 404 the sender mailbox.</summary>
    private static DeliveryOutcome Classify(int status, string? code, IDictionary<string, IEnumerable<string>> headers)
    {
        var label = code is { Length: > 0 and <= 64 } && code.All(char.IsAsciiLetterOrDigit) ? $"{status} {code}" : status.ToString();
        return status switch
        {
            401 => new DeliveryOutcome.Permanent($"{FailurePrefix}: {label}: the access token was rejected; check O365_TENANT_ID, O365_CLIENT_ID and the credential"),
            403 => new DeliveryOutcome.Permanent($"{FailurePrefix}: {label}: missing Mail.Send permission; grant the Mail.Send application permission with admin consent (and check any Exchange application access policy)"),
            404 => new DeliveryOutcome.Permanent($"{FailurePrefix}: {label}: invalid sender mailbox; verify O365_SENDER_EMAIL is a valid user or shared mailbox"),
            408 or 429 or >= 500 => new DeliveryOutcome.Retryable($"{FailurePrefix}: {label}", RetryAfter(headers)) { Throttled = status == 429 },
            _ => new DeliveryOutcome.Permanent($"{FailurePrefix}: {label}"),
        };
    }

    private static TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>> headers)
    {
        var value = headers.FirstOrDefault(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        return int.TryParse(value, out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
    }
}
