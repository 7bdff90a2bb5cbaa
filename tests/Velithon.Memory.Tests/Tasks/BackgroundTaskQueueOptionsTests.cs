using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Velithon.Memory.Tests.Tasks;

public class BackgroundTaskQueueOptionsTests
{
    [Fact]
    public void Defaults_are_documented_values()
    {
        var options = new BackgroundTaskQueueOptions();
        Assert.Equal(1000, options.MaxQueueLength);
        Assert.Equal(Environment.ProcessorCount, options.MaxConcurrency);
        Assert.Null(options.PressureThreshold);
        Assert.Equal(500, new BackgroundTaskQueue(options).PressureThreshold);
        Assert.Null(options.ShutdownDrainTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.CancellationGracePeriod);
    }

    [Fact]
    public void Constructor_copies_limits()
    {
        var queue = new BackgroundTaskQueue(new BackgroundTaskQueueOptions { MaxQueueLength = 10, MaxConcurrency = 3, PressureThreshold = 7 });
        Assert.Equal(10, queue.MaxQueueLength);
        Assert.Equal(3, queue.MaxConcurrency);
        Assert.Equal(7, queue.PressureThreshold);
    }

    [Fact]
    public void Constructor_accepts_IOptions()
    {
        var queue = new BackgroundTaskQueue(Options.Create(new BackgroundTaskQueueOptions { MaxQueueLength = 4, PressureThreshold = 2 }));
        Assert.Equal(4, queue.MaxQueueLength);
    }

    [Fact]
    public void Constructor_rejects_null()
    {
        Assert.Throws<ArgumentNullException>("options", () => new BackgroundTaskQueue((BackgroundTaskQueueOptions)null!));
        Assert.Throws<ArgumentNullException>("options", () => new BackgroundTaskQueue((IOptions<BackgroundTaskQueueOptions>)null!));
    }

    public static TheoryData<Action<BackgroundTaskQueueOptions>, string, string> BadOptions => new()
    {
        { o => o.MaxQueueLength = 0, "MaxQueueLength", "at least 1" },
        { o => o.MaxQueueLength = -5, "MaxQueueLength", "at least 1" },
        { o => o.MaxConcurrency = 0, "MaxConcurrency", "between 1 and 1024" },
        { o => o.MaxConcurrency = 1025, "MaxConcurrency", "between 1 and 1024" },
        { o => o.PressureThreshold = 0, "PressureThreshold", "between 1 and MaxQueueLength (1000)" },
        { o => o.PressureThreshold = 1001, "PressureThreshold", "between 1 and MaxQueueLength (1000)" },
        { o => o.ShutdownDrainTimeout = TimeSpan.FromTicks(-1), "ShutdownDrainTimeout", "must be null or between" },
        { o => o.ShutdownDrainTimeout = TimeSpan.FromDays(30), "ShutdownDrainTimeout", "must be null or between" },
        { o => o.CancellationGracePeriod = TimeSpan.FromTicks(-1), "CancellationGracePeriod", "must be between" },
        { o => o.CancellationGracePeriod = TimeSpan.FromDays(30), "CancellationGracePeriod", "must be between" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_rejects_out_of_range_settings_naming_setting_and_limit(Action<BackgroundTaskQueueOptions> spoil, string setting, string limit)
    {
        var options = new BackgroundTaskQueueOptions();
        spoil(options);
        var ex = Assert.Throws<ArgumentException>("options", () => new BackgroundTaskQueue(options));
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        Assert.Contains(limit, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Options_validation_rejects_the_same_settings(Action<BackgroundTaskQueueOptions> spoil, string setting, string limit)
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddVelithonBackgroundTasks(spoil)
            .BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BackgroundTaskQueueOptions>>().Value);
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        Assert.Contains(limit, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(100, 50)]
    [InlineData(499, 249)]
    [InlineData(1000, 500)]
    [InlineData(5000, 2500)]
    public void Changing_only_the_queue_length_derives_the_threshold_instead_of_failing(int maxQueueLength, int threshold)
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddVelithonBackgroundTasks(o => o.MaxQueueLength = maxQueueLength)
            .BuildServiceProvider();
        var queue = provider.GetRequiredService<BackgroundTaskQueue>();
        Assert.Equal(threshold, queue.PressureThreshold);
        Assert.Equal(threshold, queue.GetStats().PressureThreshold);
    }

    [Fact]
    public void A_threshold_the_user_set_is_kept_or_rejected_naming_both_settings_never_clamped()
    {
        Assert.Equal(3, new BackgroundTaskQueue(new BackgroundTaskQueueOptions { MaxQueueLength = 3, PressureThreshold = 3 }).PressureThreshold);
        var ex = Assert.Throws<ArgumentException>(() => new BackgroundTaskQueue(new BackgroundTaskQueueOptions { MaxQueueLength = 100, PressureThreshold = 500 }));
        Assert.Contains("PressureThreshold", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxQueueLength (100)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(was 500)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Boundary_values_are_accepted()
    {
        var queue = new BackgroundTaskQueue(new BackgroundTaskQueueOptions
        {
            MaxQueueLength = 1,
            MaxConcurrency = BackgroundTaskQueueOptions.MaxConcurrencyLimit,
            PressureThreshold = 1,
            ShutdownDrainTimeout = BackgroundTaskQueueOptions.MaxShutdownDrainTimeout,
        });
        Assert.Equal(1, queue.MaxQueueLength);
        _ = new BackgroundTaskQueue(new BackgroundTaskQueueOptions { ShutdownDrainTimeout = TimeSpan.Zero });
    }
}
