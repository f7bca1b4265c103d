namespace MazeVault.Alerts.Core.Channels;

/// <summary>What a vendor answered: status, a bounded slice of the body, and its Retry-After when it gave one.</summary>
public sealed record HttpAnswer(int Status, string ReasonPhrase, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>"401 Unauthorized": the status as people read it in vendor docs.</summary>
    public string StatusText => string.IsNullOrEmpty(ReasonPhrase) ? Status.ToString() : $"{Status} {ReasonPhrase}";
}
