declare module "*.py" {
  const text: string;
  export default text;
}
declare module "*.yml" {
  const data: unknown;
  export default data;
}
