using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MazeVault.Alerts.Core.Channels;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MazeVault.Alerts.Core.Email;

/// <summary>
/// Decides whether to trust the SMTP server's TLS certificate. Unregistered in the app, so the system trust store
/// decides; a test registers one that trusts its own self-signed server.
/// </summary>
public delegate bool SmtpServerCertificateValidation(X509Certificate? certificate, SslPolicyErrors errors);

/// <summary>Legacy SMTP through MailKit: HTML with a plain-text alternative. Reply 4xx retryable, 5xx permanent.</summary>
public sealed class SmtpEmailTransport(IOptions<SmtpOptions> options, SmtpServerCertificateValidation? certificateValidation = null) : IEmailTransport
{
    public const string TransportName = "SMTP";
    private const string FailurePrefix = "smtp error";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string Name => TransportName;

    // Without SMTP_FROM the server is the only name the sending account has here.
    public string? Mailbox => string.IsNullOrWhiteSpace(options.Value.From) ? options.Value.Host : options.Value.From;

    public async Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        MimeMessage mime;
        try
        {
            mime = Build(message, settings.From!);
        }
        catch (ParseException)
        {
            return new DeliveryOutcome.Permanent($"{FailurePrefix}: a recipient is not a valid email address");
        }

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        if (certificateValidation is not null)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => certificateValidation(certificate, errors);
        }

        try
        {
            await client.ConnectAsync(settings.Host!, settings.EffectivePort, SocketOptions(settings.EffectiveSecurity), ct);
            if (!string.IsNullOrWhiteSpace(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
            }

            await client.SendAsync(mime, ct);
        }
        catch (SmtpCommandException e)
        {
            var reason = $"{FailurePrefix}: {(int)e.StatusCode} ({e.ErrorCode})";
            return (int)e.StatusCode >= 500 ? new DeliveryOutcome.Permanent(reason) : new DeliveryOutcome.Retryable(reason);
        }
        catch (AuthenticationException e) when (e.InnerException is SmtpCommandException { StatusCode: var status } && (int)status is >= 400 and < 500)
        {
            // 454 and kin: the server cannot check the credentials now (its directory is down); the queue retries.
            return new DeliveryOutcome.Retryable($"{FailurePrefix}: authentication temporarily refused ({(int)status}); retrying");
        }
        catch (AuthenticationException)
        {
            return new DeliveryOutcome.Permanent($"{FailurePrefix}: authentication failed; check SMTP_USERNAME and SMTP_PASSWORD");
        }
        catch (SslHandshakeException)
        {
            return new DeliveryOutcome.Retryable($"{FailurePrefix}: TLS handshake failed");
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or TimeoutException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new DeliveryOutcome.Retryable($"{FailurePrefix}: connection to the SMTP server failed or timed out");
        }

        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or TimeoutException)
        {
            // The server accepted the message; a failed QUIT must not make the queue send it twice.
        }

        return new DeliveryOutcome.Delivered();
    }

    public static MimeMessage Build(EmailMessage message, string from)
    {
        var mime = new MimeMessage { Subject = message.Subject };
        mime.From.Add(MailboxAddress.Parse(from));
        foreach (var to in message.To)
        {
            mime.To.Add(MailboxAddress.Parse(to));
        }

        // BodyBuilder makes multipart/alternative (text first, HTML preferred), inside multipart/mixed with attachments.
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static SecureSocketOptions SocketOptions(string security) => security switch
    {
        SmtpOptions.Ssl => SecureSocketOptions.SslOnConnect,
        SmtpOptions.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
