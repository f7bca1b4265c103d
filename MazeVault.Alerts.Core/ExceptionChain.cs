namespace MazeVault.Alerts.Core;

/// <summary>SDKs wrap the failure that matters (HttpClient, MSAL, Azure.Core): find it among the inner exceptions.</summary>
public static class ExceptionChain
{
    /// <summary><paramref name="exception"/> or its first inner exception of type <typeparamref name="T"/>; null when there is none.</summary>
    public static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}
