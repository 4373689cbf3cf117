using TiersLieux.Notifications.Tests.Api;
using TiersLieux.Testing;

[assembly: AssemblyFixture(typeof(InfrastructureFixture))]
[assembly: AssemblyFixture(typeof(SharedMailServer))]
