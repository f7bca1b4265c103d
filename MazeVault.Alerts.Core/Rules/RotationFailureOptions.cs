using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>How many rotation-failure emails one config may send per UTC day, so that a rotation failing in a loop cannot flood its owners.</summary>
public sealed class RotationFailureOptions
{
    [ConfigurationKeyName("ROTATION_FAILURE_EMAILS_PER_DAY")]
    [Range(1, 100, ErrorMessage = "ROTATION_FAILURE_EMAILS_PER_DAY must be from 1 to 100.")]
    public int EmailsPerDay { get; set; } = 5;
}
