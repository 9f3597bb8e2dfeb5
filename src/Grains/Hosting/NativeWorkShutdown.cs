namespace CapacityGrid.Grains.Hosting;

/// <summary>
/// Stops the silo's <see cref="NativeWork"/> late in the silo's stop: it joins the lifecycle at
/// <see cref="ServiceLifecycleStage.RuntimeInitialize"/>, whose stop runs after the grains were deactivated.
/// </summary>
public sealed class NativeWorkShutdown(NativeWork work) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NativeWorkShutdown), ServiceLifecycleStage.RuntimeInitialize, _ => Task.CompletedTask, work.StopAsync);
}
