// Tailwind CSS v4 through PostCSS.
const config = { plugins: { "@tailwindcss/postcss": {} } };

export default config;
