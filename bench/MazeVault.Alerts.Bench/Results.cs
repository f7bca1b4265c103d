using System.Globalization;

namespace MazeVault.Alerts.Bench;

/// <summary>The run's machine-readable figures, printed together at the end as <c>RESULT name=value</c>.</summary>
internal sealed class Results
{
    private readonly List<string> _lines = [];

    public void Add(string name, double value, string format = "F2") => _lines.Add($"RESULT {name}={value.ToString(format, CultureInfo.InvariantCulture)}");

    /// <summary>A figure this run did not measure (a quick size), so a reader never mistakes an old value for this run's.</summary>
    public void Skipped(string name) => _lines.Add($"RESULT {name}=skipped");

    public void Print()
    {
        Console.WriteLine();
        _lines.ForEach(Console.WriteLine);
    }
}
