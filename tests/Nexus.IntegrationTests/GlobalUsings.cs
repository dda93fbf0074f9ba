global using FluentAssertions;
global using Nexus.Testing;
global using NUnit.Framework;
