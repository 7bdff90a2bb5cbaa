using Microsoft.Extensions.Options;

namespace Velithon.Memory;

/// <summary>Validates <see cref="BackgroundTaskQueueOptions"/> with the same rules the queue's constructor enforces.</summary>
internal sealed class BackgroundTaskQueueOptionsValidator : IValidateOptions<BackgroundTaskQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, BackgroundTaskQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? error = BackgroundTaskQueueOptions.GetValidationError(options);
        return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }
}
