namespace Velithon.Memory.Tests.Tasks;

public class QueueFullExceptionTests
{
    [Fact]
    public void Limit_constructor_names_the_limit()
    {
        var ex = new QueueFullException(1000);
        Assert.Equal(1000, ex.MaxQueueLength);
        Assert.Equal("The background task queue is full (MaxQueueLength = 1000).", ex.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(ex);
    }

    [Fact]
    public void Standard_constructors_work()
    {
        Assert.Equal(0, new QueueFullException().MaxQueueLength);
        Assert.False(string.IsNullOrEmpty(new QueueFullException().Message));
        Assert.Equal("custom", new QueueFullException("custom").Message);
        var inner = new InvalidOperationException("inner");
        var ex = new QueueFullException("outer", inner);
        Assert.Same(inner, ex.InnerException);
        Assert.Equal("outer", ex.Message);
    }
}
