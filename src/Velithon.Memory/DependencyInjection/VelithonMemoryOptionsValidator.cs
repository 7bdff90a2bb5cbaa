using Microsoft.Extensions.Options;

namespace Velithon.Memory;

/// <summary>Rejects <see cref="VelithonMemoryOptions"/> that cannot work, with a message naming each bad setting.</summary>
internal sealed class VelithonMemoryOptionsValidator : IValidateOptions<VelithonMemoryOptions>
{
    public static VelithonMemoryOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, VelithonMemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;

        void Fail(string message) => (failures ??= []).Add(message);

        // The same ranges as the VelithonMemoryPool constructor, so a bad value fails here with its name, at start-up.
        if (options.PoolMaxArraysPerBucket is { } perBucket && perBucket is < 1 or > VelithonMemoryPool.MaxArraysPerBucketLimit)
        {
            Fail($"{nameof(options.PoolMaxArraysPerBucket)} must be between 1 and {VelithonMemoryPool.MaxArraysPerBucketLimit} (was {perBucket}).");
        }

        if (options.PoolMaxArrayLength is { } maxLength && maxLength is < VelithonMemoryPool.MinArrayLength or > VelithonMemoryPool.MaxArrayLengthLimit)
        {
            Fail($"{nameof(options.PoolMaxArrayLength)} must be between {VelithonMemoryPool.MinArrayLength} and {VelithonMemoryPool.MaxArrayLengthLimit} (was {maxLength}).");
        }

        if (options.InternerMaxCount is <= 0)
        {
            Fail($"{nameof(options.InternerMaxCount)} must be positive (was {options.InternerMaxCount}).");
        }

        if (options.InternerMaxStringLength is <= 0)
        {
            Fail($"{nameof(options.InternerMaxStringLength)} must be positive (was {options.InternerMaxStringLength}).");
        }

        if (options.ResponseCacheMaxEntries <= 0)
        {
            Fail($"{nameof(options.ResponseCacheMaxEntries)} must be positive (was {options.ResponseCacheMaxEntries}).");
        }

        if (options.ResponseCacheMaxMemoryBytes <= 0)
        {
            Fail($"{nameof(options.ResponseCacheMaxMemoryBytes)} must be positive (was {options.ResponseCacheMaxMemoryBytes}).");
        }

        if (options.ResponseCacheTimeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            Fail($"{nameof(options.ResponseCacheTimeToLive)} must be positive or null (was {ttl}).");
        }

        if (!(options.MemoryLoadPressurePercent is > 0 and <= 100))
        {
            Fail($"{nameof(options.MemoryLoadPressurePercent)} must be in (0, 100] (was {options.MemoryLoadPressurePercent}).");
        }

        if (!(options.CleanupCacheTargetPercent is >= 0 and <= 100))
        {
            Fail($"{nameof(options.CleanupCacheTargetPercent)} must be in [0, 100] (was {options.CleanupCacheTargetPercent}).");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
