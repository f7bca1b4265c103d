using MazeVault.Alerts.Core.Delivery;

namespace MazeVault.Alerts.Core.Tests.Delivery;

public sealed class DeliveryEnvelopeTests
{
    [Fact]
    public void A_message_written_before_trace_context_still_parses_without_one()
    {
        var envelope = DeliveryEnvelope.Parse("""{"organizationId":"org","alertId":"a","deliveryId":"d","target":"integration:t","attempt":2}""");

        Assert.Equal(2, envelope.Attempt);
        Assert.Null(envelope.TraceParent);
        Assert.Null(envelope.DueAt);
    }

    [Fact]
    public void The_trace_context_travels_under_the_W3C_name_traceparent()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var json = new DeliveryEnvelope("org", "a", "d", "integration:t", 1, TraceParent: traceParent, DueAt: DateTimeOffset.UnixEpoch).ToJson();

        Assert.Contains($"\"traceparent\":\"{traceParent}\"", json);
        Assert.Equal(traceParent, DeliveryEnvelope.Parse(json).TraceParent);
        Assert.Equal(DateTimeOffset.UnixEpoch, DeliveryEnvelope.Parse(json).DueAt);
    }
}
