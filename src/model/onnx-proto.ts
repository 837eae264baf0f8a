/**
 * The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) needed to write and read the
 * models here, as an inline schema for protobufjs. Field numbers follow the ONNX specification;
 * only the fields we use are declared, which protobuf permits (unknown fields are skipped).
 */
import protobuf from 'protobufjs';

const ONNX_SUBSET = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  int32 type = 20;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string domain = 7;
}
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
}
message StringStringEntryProto { string key = 1; string value = 2; }
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  string name = 8;
  bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;

/** ONNX TensorProto.DataType codes used here. */
export const ONNX_TYPE = { float: 1, int8: 3, int32: 6, int64: 7 } as const;

/** ONNX AttributeProto.AttributeType codes used here. */
export const ONNX_ATTRIBUTE = { float: 1, int: 2, ints: 7 } as const;

let modelType: protobuf.Type | undefined;

/** The protobufjs type of onnx.ModelProto (parsed once). */
export function onnxModelType(): protobuf.Type {
  if (!modelType) modelType = protobuf.parse(ONNX_SUBSET).root.lookupType('onnx.ModelProto');
  return modelType;
}

/** ONNX IR version 8 and opset 17 are both supported by onnxruntime-node 1.x since 1.14. */
const IR_VERSION = 8;
const OPSET_VERSION = 17;

/** Wraps a graph in a ModelProto (IR 8, opset 17, producer "verbatim") and encodes it. */
export function encodeModel(graph: object, docString: string, producerVersion: string): Uint8Array {
  const type = onnxModelType();
  const message = type.fromObject({
    irVersion: IR_VERSION,
    producerName: 'verbatim',
    producerVersion,
    docString,
    opsetImport: [{ domain: '', version: OPSET_VERSION }],
    graph,
  });
  return type.encode(message).finish();
}

/** The float32 values of a tensor's raw_data (copied, so the buffer is aligned). */
export function floatsOf(raw: Uint8Array): Float32Array {
  return new Float32Array(new Uint8Array(raw).buffer);
}
