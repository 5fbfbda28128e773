Console.WriteLine("maas");
