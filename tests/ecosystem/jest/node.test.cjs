// Jest, node environment.
require('./preview-checks.cjs');
