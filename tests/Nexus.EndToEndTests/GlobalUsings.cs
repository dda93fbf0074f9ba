global using FluentAssertions;
global using Microsoft.Playwright;
global using Nexus.Testing;
global using Nexus.Testing.Hosting;
global using NUnit.Framework;
