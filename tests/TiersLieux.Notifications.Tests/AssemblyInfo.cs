using TiersLieux.Testing;

[assembly: AssemblyFixture(typeof(InfrastructureFixture))]
