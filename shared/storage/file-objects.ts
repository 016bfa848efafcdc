/** What the file use cases ask of the bucket itself: what arrived, keep it (untag), or remove it. */
import { DeleteObjectCommand, HeadObjectCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import type { ArrivedObject } from '../domain/files.js';
import { filesBucket, s3Client } from './s3-client.js';

/** The object's type and size, or undefined when nothing arrived under the key. */
export async function headObject(key: string): Promise<ArrivedObject | undefined> {
  try {
    const head = await s3Client().send(new HeadObjectCommand({ Bucket: filesBucket(), Key: key }));
    return { contentType: head.ContentType, bytes: head.ContentLength };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as { name?: string }).name === 'NotFound') return undefined;
    throw error;
  }
}

/** Replaces the `pending` tag, so the lifecycle rule for abandoned uploads no longer applies to the object. */
export async function markObjectKept(key: string): Promise<void> {
  await s3Client().send(
    new PutObjectTaggingCommand({ Bucket: filesBucket(), Key: key, Tagging: { TagSet: [{ Key: 'upload', Value: 'confirmed' }] } }),
  );
}

export async function deleteObject(key: string): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: filesBucket(), Key: key }));
}
