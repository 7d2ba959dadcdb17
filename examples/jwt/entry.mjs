// The bundle's entry: jose's public API, re-exported as one ES module.
export * from "jose";
