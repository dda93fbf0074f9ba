// Makes the top-level Program visible to WebApplicationFactory<Program> in the test kit.
public partial class Program;
