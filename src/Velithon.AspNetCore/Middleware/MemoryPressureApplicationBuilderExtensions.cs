using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Velithon.AspNetCore;
using Velithon.Memory;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the Velithon memory-pressure middleware to a pipeline.</summary>
public static class MemoryPressureApplicationBuilderExtensions
{
    /// <summary>
    /// Adds <c>X-Memory-Usage-MB</c> to every response and runs <see cref="IVelithonMemory.Cleanup"/> in the
    /// background when memory is above the threshold, at most once per <see cref="MemoryPressureOptions.MinCleanupInterval"/>.
    /// Needs <c>AddVelithonMemory()</c>; the clock is the registered <see cref="TimeProvider"/> (or the system's).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="configure">Sets options on top of any registered <see cref="MemoryPressureOptions"/>; may be <see langword="null"/>.</param>
    /// <returns>The application, for chaining.</returns>
    public static IApplicationBuilder UseVelithonMemoryPressure(this IApplicationBuilder app, Action<MemoryPressureOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A copy: the registered options stay as registered, and a second middleware does not change the first one's.
        MemoryPressureOptions options = app.ApplicationServices.GetService<IOptions<MemoryPressureOptions>>()?.Value.Copy() ?? new MemoryPressureOptions();
        configure?.Invoke(options);
        return app.UseVelithonMemoryPressure(options);
    }

    /// <summary>Adds the memory-pressure middleware with a copy of these options, taken and checked now (see the other overload).</summary>
    /// <param name="app">The application.</param>
    /// <param name="options">The options.</param>
    /// <returns>The application, for chaining.</returns>
    /// <exception cref="ArgumentException">A setting is out of its range (the message names it and its value).</exception>
    public static IApplicationBuilder UseVelithonMemoryPressure(this IApplicationBuilder app, MemoryPressureOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        options = options.Copy();
        options.Validate();

        IServiceProvider services = app.ApplicationServices;
        IVelithonMemory memory = services.GetService<IVelithonMemory>()
            ?? throw new InvalidOperationException("UseVelithonMemoryPressure needs IVelithonMemory: call services.AddVelithonMemory().");
        TimeProvider time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        ILogger<MemoryPressureMiddleware> logger = services.GetService<ILogger<MemoryPressureMiddleware>>()
            ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<MemoryPressureMiddleware>.Instance;
        return app.Use(next => new MemoryPressureMiddleware(next, memory, options, time, logger).InvokeAsync);
    }
}
