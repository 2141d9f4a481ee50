/// Which files of a hub repository make a GPT-2 model folder Script Buddy can run: the config, the
/// tokenizer, the weights in safetensors (one file or shards with their index). Everything else in
/// a repository (TF/Flax/ONNX/Core ML copies, README, pytorch_model.bin) is left on the hub.
import { err, ok, type Result } from '../../src/shared/result'
import type { HubFile } from './hub-repo'

export interface Gpt2FilePlan {
  files: HubFile[]
  /// The repo has only vocab.json + merges.txt: tokenizer.json is built from them after download.
  tokenizerFromVocab: boolean
}

const OPTIONAL = ['generation_config.json', 'tokenizer_config.json', 'special_tokens_map.json']
const SHARD = /^model-\d{5}-of-\d{5}\.safetensors$/

/// Picks the files to download, or says why this repository cannot be used.
export function chooseGpt2Files(repo: string, files: readonly HubFile[]): Result<Gpt2FilePlan> {
  const byPath = new Map(files.map((file) => [file.path, file]))
  const has = (path: string) => byPath.has(path)
  const chosen: HubFile[] = []
  const take = (path: string) => {
    const file = byPath.get(path)
    if (file) chosen.push(file)
  }
  if (!has('config.json')) {
    return err(
      'model-error',
      `${repo} has no config.json at its top level, so it is not a Transformers model. Choose a GPT-2 model repository.`
    )
  }
  take('config.json')

  let tokenizerFromVocab = false
  if (has('tokenizer.json')) take('tokenizer.json')
  else if (has('vocab.json') && has('merges.txt')) {
    take('vocab.json')
    take('merges.txt')
    tokenizerFromVocab = true
  } else {
    return err(
      'model-error',
      `${repo} has no tokenizer (tokenizer.json, or vocab.json with merges.txt). Choose a model that includes its tokenizer.`
    )
  }
  for (const path of OPTIONAL) take(path)

  if (has('model.safetensors')) take('model.safetensors')
  else if (has('model.safetensors.index.json')) {
    const shards = files.filter((file) => SHARD.test(file.path))
    if (shards.length === 0) {
      return err(
        'model-error',
        `${repo} lists model.safetensors.index.json but none of its shards. The repository looks incomplete.`
      )
    }
    take('model.safetensors.index.json')
    chosen.push(...shards)
  } else {
    const others = ['pytorch_model.bin', 'tf_model.h5', 'flax_model.msgpack'].filter(has)
    return err(
      'model-error',
      `${repo} has no weights in safetensors format${others.length ? ` (only ${others.join(', ')})` : ''}. ` +
        'Script Buddy reads safetensors only, because pickled PyTorch files can run code. ' +
        "Look on the model's page for a revision with model.safetensors (the hub's conversion bot often " +
        'opens one as refs/pr/1) and type that revision, or convert the model with transformers ' +
        '(save_pretrained(..., safe_serialization=True)) and add the folder.'
    )
  }
  return ok({ files: chosen, tokenizerFromVocab })
}
