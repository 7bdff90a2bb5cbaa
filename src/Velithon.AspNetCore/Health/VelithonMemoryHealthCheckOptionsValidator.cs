using System.Globalization;
using Microsoft.Extensions.Options;

namespace Velithon.AspNetCore;

/// <summary>
/// Refuses thresholds that could never mean what was meant (checked when the host starts): a memory-load threshold
/// that is not above 0 and at most 100 (NaN would silently turn the check off, 0 or less would fail it always), a
/// hit-rate percent outside 0 to 100, a byte threshold that is not positive, a negative <c>MinCacheLookups</c>.
/// </summary>
internal sealed class VelithonMemoryHealthCheckOptionsValidator : IValidateOptions<VelithonMemoryHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, VelithonMemoryHealthCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        string which = string.IsNullOrEmpty(name) ? "VelithonMemoryHealthCheckOptions" : $"VelithonMemoryHealthCheckOptions '{name}'";

        void Load(string setting, double? value)
        {
            if (value is { } v && !(v > 0 && v <= 100))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{which}: {setting} must be above 0 and at most 100 (or null to skip it); it is {v}."));
            }
        }

        void HitRate(string setting, double? value)
        {
            if (value is { } v && !(v >= 0 && v <= 100))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{which}: {setting} must be from 0 to 100; it is {v}."));
            }
        }

        void Bytes(string setting, long? value)
        {
            if (value is <= 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{which}: {setting} must be positive (or null to skip it); it is {value}."));
            }
        }

        Load(nameof(options.DegradedMemoryLoadPercent), options.DegradedMemoryLoadPercent);
        Load(nameof(options.UnhealthyMemoryLoadPercent), options.UnhealthyMemoryLoadPercent);
        Bytes(nameof(options.DegradedTotalMemoryBytes), options.DegradedTotalMemoryBytes);
        Bytes(nameof(options.UnhealthyTotalMemoryBytes), options.UnhealthyTotalMemoryBytes);
        Bytes(nameof(options.DegradedCacheMemoryBytes), options.DegradedCacheMemoryBytes);
        Bytes(nameof(options.UnhealthyCacheMemoryBytes), options.UnhealthyCacheMemoryBytes);
        HitRate(nameof(options.DegradedBelowCacheHitRatePercent), options.DegradedBelowCacheHitRatePercent);
        HitRate(nameof(options.LowCacheHitRatePercent), options.LowCacheHitRatePercent);
        if (options.MinCacheLookups < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{which}: MinCacheLookups must not be negative; it is {options.MinCacheLookups}."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
