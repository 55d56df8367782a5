/** Where every command looks for the config unless `-c, --config` names another file. */
export const DEFAULT_CONFIG_PATH = 'config/vigil.yaml';

/** The shared topics and synonym lists that `vigil match` uses unless told otherwise. */
export const DEFAULT_TOPICS_PATH = 'config/topics.yaml';
